/**
 * English: the reference catalogue. Every other locale must have exactly these keys with exactly these
 * placeholders (test/unit/i18n.test.ts). Texts are plain; adapters escape them for their markup, and
 * `{name}` placeholders are filled with already-rendered values (links, times, counts).
 * A message with plural forms is an object of Intl.PluralRules categories; `{count}` selects one.
 */
import { settingsEn } from "./settings-en.js";

export const en = {
	// ---- Errors shown in chats: one plain sentence or two, never developer detail ----
	"error.invalid-url":
		"That doesn't look like a web address I can watch. Send the full address, starting with https://.",
	"error.blocked-url": "I can't watch addresses on private or local networks.",
	"error.unreachable": "I couldn't reach that site. Check the address.",
	"error.not-found": "That page doesn't exist on the site. Check the address.",
	"error.refused": "That site doesn't let me read the page.",
	"error.site-trouble": "That site isn't working right now. Please try again later.",
	"error.not-a-page": "That address isn't a web page. Send the address of the live page itself.",
	"error.timeout": "That site took too long to answer. Please try again later.",
	"error.too-many-redirects":
		"That address keeps redirecting, so I couldn't read the page. Check the address.",
	"error.embedded-live-blog":
		"That page shows its live updates through {platform}, which loads them after the page opens, so I can't read them from the page. If the live blog also has a page of its own, send that address.",
	"error.not-a-live-blog":
		"I couldn't find live updates on that page. Is it a live blog? Send the address of the live page itself.",
	"error.page-too-large": "That page is too large for me to read.",
	"error.page-too-complex": "That page is too complex for me to read quickly.",
	"error.store": "Something went wrong on my side. Nothing was changed; please try again later.",
	"error.misconfigured": "The bot is misconfigured; please tell its operator.",
	"error.no-such-number": "There is no live blog number {number} in the list here.",
	"error.not-followed": "That live blog isn't followed here.",
	"error.none-followed": "No live blog is followed here yet.",
	"error.ambiguous": "Several live blogs are followed here; say which one.",
	"error.subscribe-rate-limited":
		"That's a lot of subscribe requests. Please wait a minute and try again.",
	"error.chat-limit":
		"This chat already follows the most live blogs allowed ({max}). Unsubscribe from one first.",
	"error.bot-limit":
		"This bot is already watching as many live blogs as it may. Please try again later.",
	"error.owner-limit-server":
		"This server's channels already follow the most live blogs allowed ({max}). Unfollow one first.",
	"error.owner-limit-user":
		"The chats you added me to already follow the most live blogs allowed ({max}). Unsubscribe from one first.",
	"error.owner-limit-chat":
		"This chat and its topics already follow the most live blogs allowed ({max}). Unsubscribe from one first.",
	"error.admins-only": "Only administrators can change the live blogs followed here.",
	"error.manage-channels":
		"You need the Manage Channels permission to change the live blogs this channel follows.",
	"error.admin-check-failed":
		"I couldn't check your admin rights in this chat just now. Please try again in a moment.",
	"error.something-wrong": "Something went wrong on my side. Please try again.",

	// ---- Notices about a blog ----
	"notice.unreachable":
		"I can't reach the live blog “{title}”. I'll keep trying and post any entries I missed once it is back.",
	"notice.unreachable-since":
		"I can't reach the live blog “{title}” since {since}. I'll keep trying and post any entries I missed once it is back.",
	"notice.recovered": "The live blog “{title}” is reachable again.",
	"notice.ended": "The live blog “{title}” has ended, so I've stopped following it here.",
	"notice.skipped": {
		one: "{count} more entry — see the live blog “{title}” (too many came at once to post them all here).",
		other:
			"{count} more entries — see the live blog “{title}” (too many came at once to post them all here).",
	},

	// ---- Entries ----
	"entry.read": "Read entry",
	"entry.updated": "Updated",

	"change.updated-at": "updated {time}",
	"change.removed": "removed by the publisher",
	"change.key-event": "⭐ Key event",
	"change.recap-heading": "Key events",
	"change.recap-more": "…and {count} more",
	"change.cannot-pin":
		"I can't pin key events here: give me the right to pin messages to turn that on.",

	// ---- Blog status in lists ----
	"status.ended": "ended",
	"status.unreachable": "unreachable",
	"status.unreachable-since": "unreachable since {since}",

	// ---- Gate ----
	"gate.slow-down":
		"That's a lot of commands in a short time. Please wait a minute, then try again.",
	"gate.not-allowed-chat":
		"Sorry, this bot only serves the chats its operator has allowed. You can run your own copy: it is open source.",
	"gate.not-allowed-server":
		"Sorry, this bot only serves the servers and channels its operator has allowed.",

	// ---- Telegram: help and commands ----
	"help.title": "Live blog relay",
	"help.intro": "I watch news live blogs and post every new entry here as soon as it appears.",
	"help.subscribe": "/subscribe <address> — follow a live blog",
	"help.unsubscribe": "/unsubscribe <address or number> — stop following one",
	"help.list": "/list — the live blogs followed here",
	"help.latest": "/latest [address] [n] — the newest n entries (default {default}, at most {max})",
	"help.settings":
		"/settings — what and when each blog posts here: key events only, keywords, digests, quiet hours",
	"help.example": "Example:",
	"help.groups":
		"In groups, only admins can subscribe or unsubscribe; others get at most {max} entries from /latest.",
	"menu.start": "What this bot does",
	"menu.help": "How to use this bot",
	"menu.subscribe": "Follow a live blog: /subscribe <address>",
	"menu.unsubscribe": "Stop following a live blog: /unsubscribe <address or number>",
	"menu.list": "Live blogs followed here",
	"menu.latest": "Newest entries: /latest [address] [n]",
	"menu.settings": "What and when each blog posts here",
	"menu.keywords": "Filter by words: /keywords 1 +ceasefire -football",
	"menu.quiet": "Quiet hours: /quiet 23:00 07:00",
	"menu.timezone": "Time zone: /timezone Europe/Kyiv",
	"menu.language": "The bot's language: /language uk",
	"subscribe.usage": "Send the live blog's address after the command, for example:",
	"subscribe.done": "✅ Subscribed to {blog}. New entries will be posted here.",
	"subscribe.already": "This chat already follows {blog}.",
	"subscribe.ended": "Note: this live blog seems to have ended.",
	"subscribe.newest": "Latest entry:",
	"unsubscribe.done": "Unsubscribed from {blog}. No more entries from it will be posted here.",
	"unsubscribe.hint": "Send /list to see the numbers, then /unsubscribe <number>.",
	"list.empty": "This chat doesn't follow any live blog yet. Send /subscribe <address> to start.",
	"list.head": {
		one: "This chat follows {count} live blog:",
		other: "This chat follows {count} live blogs:",
	},
	"list.which": "Which live blog should I stop posting here?",
	"list.choose": "Send /unsubscribe <number> (e.g. /unsubscribe 1) or /unsubscribe <address>.",
	"list.stop-one": "To stop one: /unsubscribe <number>",
	"latest.usage": "Usage: /latest [address] [n], for example /latest 5",
	"latest.which": "Say which one: /latest <address> [n]",
	"latest.none": "No entries on {blog} yet.",
	"latest.newest": {
		one: "The newest entry from {blog}",
		other: "The newest {count} entries from {blog}",
	},
	"latest.all": {
		one: "The only entry so far from {blog}",
		other: "All {count} entries so far from {blog}",
	},
	"latest.at-most": "(I show at most {max} at a time.)",
	"latest.members-limit": "(In this group, only admins can ask for more than {max}.)",
	"private.unknown-command": "I don't know that command. Send /help to see what I can do.",
	"private.url-hint": "To follow that live blog, send /subscribe followed by its address.",
	"private.help-hint": "Send /help to see what I can do.",

	// ---- Discord ----
	"discord.dm": "These commands work in server channels, not in direct messages.",
	"discord.unknown-command": "I don't know that command any more.",
	"discord.channel-type": "I can only post in text channels, announcement channels and threads.",
	"discord.channel-unresolved":
		"Discord didn't tell me about the channel you picked, so I followed nothing. Pick the channel again, or run /follow in that channel.",
	"discord.permissions-unknown":
		"I couldn't check the permissions in {channel}, so I followed nothing. Please try again.",
	"discord.missing-permissions": {
		one: "I can't post in {channel}: I need the {permissions} permission there.",
		other: "I can't post in {channel}: I need the {permissions} permissions there.",
	},
	"discord.follow.here":
		"This channel now follows {blog}. New entries will be posted as they appear.",
	"discord.follow.there":
		"{channel} now follows {blog}. New entries will be posted as they appear.",
	"discord.already.here": "This channel already follows {blog}.",
	"discord.already.there": "{channel} already follows {blog}.",
	"discord.newest": "Newest entry:",
	"discord.no-entries": "No entries yet.",
	"discord.unfollow.done": "This channel no longer follows {blog}.",
	"discord.following.empty":
		"This channel doesn't follow any live blog yet. Use /follow url: to add one.",
	"discord.following.title": {
		one: "Live blogs this channel follows ({count})",
		other: "Live blogs this channel follows ({count})",
	},
	"discord.more": "… and {count} more",

	// ---- Discord slash command descriptions (at most 100 characters) ----
	"slash.follow": "Post every new entry of a live blog in this channel",
	"slash.follow.url": "Address of the live blog",
	"slash.follow.channel": "Post there instead of here",
	"slash.follow.thread": "Post this blog in its own thread (a forum: its own post)",
	"slash.unfollow": "Stop posting a live blog in this channel",
	"slash.unfollow.url": "The blog to stop following",
	"slash.following": "List the live blogs this channel follows",
	"slash.latest": "Show the newest entries of a followed live blog",
	"slash.latest.url": "The blog (optional when the channel follows one)",
	"slash.latest.count": "How many entries (default {default})",

	// ---- Follower settings (issue 14): their own block in settings-en.ts ----
	...settingsEn,
} as const;
