/** The adapter contract for Telegram: the real grammY bot against the fake Bot API. */

import { adapterContract, type ContractHarness } from "../contract/adapter-contract.js";
import { TELEGRAM_DECLARATION } from "../contract/adapter-declarations.js";
import { changeContract } from "../contract/change-contract.js";
import { group, startFakeTelegram, user } from "../fakes/telegram-bot-api.js";
import { telegramAdapterOn } from "../telegram-harness.js";

const CHAT = group(-4242, "Contract group");
/** The supergroup the group becomes when a scripted "moved" upgrades it. */
const SUPERGROUP_ID = -1004242;

/** A fresh Telegram harness: the real grammY bot against a fresh fake Bot API. */
async function telegramHarness(): Promise<ContractHarness> {
	{
		const tg = await startFakeTelegram();
		const adapter = telegramAdapterOn(tg);
		const received = () =>
			tg.sentTo(CHAT.id).map((m) => ({ id: String(m.message_id), text: m.text }));
		return {
			adapter,
			target: { platform: "telegram", id: String(CHAT.id) },
			script: (outcome) => tg.failNextAs(outcome, CHAT.id, { migrateTo: SUPERGROUP_ID }),
			movedTo: String(SUPERGROUP_ID),
			received,
			secrets: [tg.token],
			async sendListCommand() {
				const before = received().length;
				tg.sendText(CHAT, user(77, "Member"), "/list");
				await tg.waitFor(() => received().length > before, 30_000);
				return received()[before]?.text ?? "";
			},
			deleteByAdmin: (id) => tg.deleteByAdmin(CHAT.id, Number(id)),
			isDeleted: (id) => tg.sent.some((m) => m.message_id === Number(id) && m.deleted === true),
			pinned: () => tg.pinnedIn(CHAT.id).map(String),
			denyPins: () => tg.setPinRights(CHAT.id, false),
			async teardown() {
				tg.releaseAll();
				await adapter.stop();
				await tg.close();
			},
		};
	}
}

adapterContract("telegram", telegramHarness, TELEGRAM_DECLARATION);
changeContract("telegram", telegramHarness, TELEGRAM_DECLARATION);
