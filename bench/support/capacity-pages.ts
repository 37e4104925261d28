/**
 * Deterministic ~250 KB live-blog pages for the capacity bench: renderBlog's JSON-LD + Reach-style
 * markup (so the real extractors run on it) with realistic entry text and page chrome around it.
 * Pages are rendered on demand from (seed, blog, version): keeping 5,000 × 250 KB in memory would
 * cost the fake 1.25 GB, and identical inputs must give identical bytes for the hash path.
 */
import { type FakeBlog, type FakeEntry, renderBlog } from "../../test/fakes/liveblog-server.js";

/** Page size the renderer aims at (bytes of UTF-8; entry bodies are sized to hit it). */
export const TARGET_PAGE_BYTES = 250_000;
/** Fewest entries on a page: a live blog's first page holds a window of the newest ones. */
export const MIN_ENTRIES = 40;
/** Most entries on a page (each blog gets a fixed count in between, from the seed). */
export const MAX_ENTRIES = 60;

/** mulberry32: small, fast, seedable; the fake only needs repeatable, not strong, randomness. */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

/** Mixes integers into one 32-bit seed (FNV-1a over their bytes). */
export function mix(...values: number[]): number {
	let h = 0x811c9dc5;
	for (const v of values) {
		for (let shift = 0; shift < 32; shift += 8) {
			h ^= (v >>> shift) & 0xff;
			h = Math.imul(h, 0x01000193);
		}
	}
	return h >>> 0;
}

const HEADLINES = [
	"Prime minister faces questions over spending plans",
	"Emergency services respond to flooding in the north-east",
	"Opposition leader sets out party's response",
	"What we know so far",
	"Markets open lower as investors await central bank decision",
	"Foreign secretary arrives for talks",
	"Police confirm two people have been arrested",
	"Eyewitness: 'The water came up in minutes'",
	"Health officials urge caution ahead of weekend",
	"Summary of the day's key events",
	"Government spokesperson declines to comment on reports",
	"Transport disruption expected to continue into the evening",
	"Analysis: why this matters for the wider region",
	"Ceasefire talks resume after overnight strikes",
	"Rail operator cancels services across the network",
	"Energy regulator announces review of price cap",
	"Firefighters bring blaze under control",
	"UN secretary general calls for restraint",
	"Union says members will vote on the latest offer",
	"Weather warning upgraded to amber",
];

const SENTENCES = [
	"The prime minister told reporters outside Downing Street that the government would not be rushed into a decision, adding that ministers were looking carefully at every option on the table.",
	"Officials said the figures, which were published earlier than expected on Tuesday morning, showed a sharper fall than most economists had forecast.",
	"Speaking to the BBC's Today programme, the minister said: “We have been clear from the start that this is a serious situation and we are treating it as such.”",
	"Residents in several villages were advised to leave their homes overnight after the river burst its banks in at least three places, according to the Environment Agency.",
	"A spokesperson for the opposition said the announcement raised more questions than it answered and called for a full statement to parliament before the end of the week.",
	"Emergency crews worked through the night to clear debris from the main road, which is expected to remain closed in both directions until at least Thursday.",
	"The central bank's governor said inflation remained “stubbornly high” and warned that interest rates might need to stay at their current level for longer than markets had hoped.",
	"Police said a 34-year-old man and a 29-year-old woman had been arrested on suspicion of conspiracy and remained in custody while inquiries continued.",
	"Our correspondent at the scene reports that a large crowd has gathered outside the building, where a heavy police presence remains in place.",
	"The foreign secretary is due to meet her counterpart later today for talks that diplomats say could determine whether the negotiations can continue at all.",
	"In a statement released just after midday, the company said it was cooperating fully with the investigation and would not comment further while it was ongoing.",
	"Shares in the group fell by more than 8% in early trading before recovering slightly, leaving the company's market value at its lowest level since 2020.",
	"Local councillors said the decision had been taken without proper consultation and urged the authority to pause the scheme until residents had been heard.",
	"The World Health Organization said the number of confirmed cases had risen for the third week in a row, although the rate of increase appeared to be slowing.",
	"Witnesses described hearing a loud bang shortly before 7pm, followed by the sound of sirens as fire engines and ambulances arrived from neighbouring towns.",
	"The union's general secretary said members were “angry and exhausted” and that strike action could not be ruled out if the latest offer was not improved.",
	"Forecasters said heavy rain would spread from the west during the afternoon, with up to 80mm possible over higher ground and a risk of further flooding.",
	"Asked whether he still had confidence in the minister, the prime minister's official spokesperson said he had “full confidence” in every member of the cabinet.",
	"The report, which runs to more than 400 pages, makes 27 recommendations, including an overhaul of the way complaints are handled and a new independent regulator.",
	"A senior military official, speaking on condition of anonymity, said the strikes had targeted infrastructure used to launch attacks across the border.",
	"Campaigners gathered outside the court with banners and placards, and several speakers addressed the crowd before the hearing began at 10am.",
	"The figures show that waiting lists have grown in every region of England except the south-west, where they fell slightly for the second month running.",
	"Rail passengers have been warned to expect severe disruption on routes into London, with some operators running no trains at all between certain stations.",
	"The minister said the new funding would be available from April and would be targeted at the areas with the greatest need, although details were yet to be confirmed.",
	"Independent analysts said the policy could cost as much as £4bn a year by the end of the decade, significantly more than the government's own estimate.",
	"The coastguard said a search had been launched after a small boat was reported missing off the coast, with a lifeboat and a helicopter involved in the operation.",
	"Several thousand people are without power after high winds brought down lines across the region, the network operator said, adding that engineers were working to restore supplies.",
	"In parliament, MPs from all parties pressed the secretary of state on when the review would be published, but she declined to give a date.",
	"The announcement was welcomed by business groups, who said it would provide much-needed certainty, although some warned that the timetable was too tight.",
	"We will bring you more on this as soon as we have it; in the meantime, here is a reminder of the main developments so far this morning.",
	"The mayor said the city had coped well in difficult circumstances and thanked volunteers who had helped to clear streets and check on elderly neighbours.",
	"Diplomatic sources say a draft text is being circulated among delegations, though several key questions, including the timetable for withdrawal, remain unresolved.",
];

const AUTHORS = [
	"Jane Doe",
	"Alex Morgan",
	"Sam Patel",
	"Chris Okafor",
	"Lee Zhang",
	"Maria Rossi",
];

/** Static page chrome (head assets, navigation, footer): real pages carry lots of it around the blog. */
function buildChrome(): { head: string; nav: string; footer: string } {
	const sections = [
		"News",
		"Opinion",
		"Sport",
		"Culture",
		"Lifestyle",
		"World",
		"UK",
		"Business",
		"Climate",
		"Technology",
		"Science",
		"Politics",
		"Health",
		"Education",
		"Media",
		"Money",
	];
	const navLinks = sections
		.flatMap((s) =>
			["", "/live", "/latest", "/analysis"].map(
				(suffix) =>
					`<li class="nav__item"><a class="nav__link" data-link-name="nav : ${s.toLowerCase()}${suffix}" href="/${s.toLowerCase()}${suffix}">${s}${suffix ? ` ${suffix.slice(1)}` : ""}</a></li>`,
			),
		)
		.join("");
	const css = Array.from(
		{ length: 120 },
		(_, i) =>
			`.c${i.toString(36)}{margin:0 0 ${i % 12}px;padding:${i % 7}px ${i % 5}px;font:${12 + (i % 6)}px/1.4 "Guardian Text Egyptian",Georgia,serif;color:#${(0x121212 + i * 4099).toString(16).slice(-6)}}`,
	).join("");
	const config = {
		page: {
			section: "world",
			contentType: "LiveBlog",
			edition: "UK",
			abTests: Object.fromEntries(
				Array.from({ length: 60 }, (_, i) => [`test${i}`, i % 3 ? "control" : "variant"]),
			),
			switches: Object.fromEntries(
				Array.from({ length: 200 }, (_, i) => [`switch${i}`, i % 2 === 0]),
			),
		},
		libs: { googletag: "https://securepubads.g.doubleclick.net/tag/js/gpt.js" },
	};
	const head = `<meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta property="og:type" content="article"><meta name="twitter:card" content="summary_large_image">
<link rel="stylesheet" href="/assets/main.css"><link rel="preload" href="/assets/fonts/text.woff2" as="font">
<style>${css}</style>
<script>window.guardian=${JSON.stringify(config)};</script>
<script async src="/assets/bundle.js"></script>`;
	const nav = `<header class="header"><nav class="nav" aria-label="Sections"><ul class="nav__list">${navLinks}</ul></nav></header>`;
	const footer = `<footer class="footer"><ul class="footer__links">${navLinks}</ul><p class="footer__copy">© 2025 Bench News Media Limited or its affiliated companies. All rights reserved.</p></footer>`;
	return { head, nav, footer };
}

const CHROME = buildChrome();

/** Entries on blog `blog`'s page window, from its seed alone. */
export function entriesShown(seed: number, blog: number): number {
	return MIN_ENTRIES + (mix(seed, blog, 0xe7) % (MAX_ENTRIES - MIN_ENTRIES + 1));
}

/** One entry, derived from (seed, blog, index) only, with a body of about `bodyChars`. */
function makeEntry(
	seed: number,
	blog: number,
	index: number,
	bodyChars: number,
	baseTime: number,
): FakeEntry {
	const rand = mulberry32(mix(seed, blog, index));
	const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
	const parts: string[] = [];
	let length = 0;
	while (length < bodyChars) {
		const sentence = pick(SENTENCES);
		parts.push(sentence);
		length += sentence.length + 1;
	}
	const id = `block-${mix(seed, blog, index, 1).toString(16).padStart(8, "0")}${index.toString(16)}`;
	const publishedAt = new Date(baseTime + index * 60_000);
	return {
		id,
		headline: `${pick(HEADLINES)} — ${pick(AUTHORS)}`,
		body: parts.join(" "),
		publishedAt,
		...(rand() < 0.2 ? { updatedAt: new Date(publishedAt.getTime() + 120_000) } : {}),
		...(index === 0 ? { pinned: true } : {}),
	};
}

/** Where a blog lives and what it looks like at a version (each version prepends one entry). */
export interface CapacityBlog {
	/** Seed of the whole site. */
	seed: number;
	/** Blog number (0-based). */
	blog: number;
	/** Entries added since the start. */
	version: number;
	/** Page origin, e.g. http://127.0.0.7:41234 (the canonical URL uses it). */
	origin: string;
	/** Path without the leading slash. */
	slug: string;
	/** Publication time of entry 0 (ms); later entries are a minute apart. */
	baseTime: number;
}

/** Path of blog `n` (realistic shape: section/live/date/slug). */
export function capacitySlug(n: number): string {
	return `world/live/2025/mar/14/bench-blog-${n.toString().padStart(5, "0")}`;
}

/** A blog's entries and title at its version; same inputs, same blog. */
export function capacityBlog(b: CapacityBlog): FakeBlog {
	const shown = entriesShown(b.seed, b.blog);
	const newest = shown - 1 + b.version;
	// JSON-LD and markup both carry the body, plus ~330 bytes of wrapper per entry per copy.
	const chromeBytes = CHROME.head.length + CHROME.nav.length + CHROME.footer.length + 1_500;
	const bodyChars = Math.max(200, (TARGET_PAGE_BYTES - chromeBytes) / shown / 2 - 330);
	const entries: FakeEntry[] = [];
	for (let i = newest; i > newest - shown; i--) {
		entries.push(makeEntry(b.seed, b.blog, i, bodyChars, b.baseTime));
	}
	return {
		slug: b.slug,
		title: `Live: world news as it happens — bench blog ${b.blog} | World news | Bench News`,
		entries,
	};
}

/** renderBlog's page wrapped in the page chrome. */
export function renderWithChrome(blog: FakeBlog, origin: string): string {
	return renderBlog(blog, origin)
		.replace("</head>", `${CHROME.head}\n</head>`)
		.replace("<body>", `<body>${CHROME.nav}`)
		.replace("</body>", `${CHROME.footer}</body>`);
}

/** Renders a blog's page at its version; same inputs, same bytes. */
export function renderCapacityPage(b: CapacityBlog): string {
	return renderWithChrome(capacityBlog(b), b.origin);
}
