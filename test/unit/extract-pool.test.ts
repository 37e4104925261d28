/**
 * The extract pool: pages are parsed in worker threads (loaded from TypeScript source here, through
 * tsx inside the worker), results and errors cross back intact, and a page over its deadline fails
 * with PageTooComplexError while the pool replaces the worker and carries on.
 */
import { afterEach, describe, expect, it } from "vitest";
import { NotALiveBlogError, PageTooComplexError } from "../../src/errors.js";
import { createExtractPool, type ExtractPool } from "../../src/extract/extract-pool.js";
import { ordinaryProse } from "../fakes/hostile-pages.js";
import { makeFakeBlog, renderBlog } from "../fakes/liveblog-server.js";

const ORIGIN = "https://news.example";
let pool: ExtractPool | undefined;

afterEach(async () => {
	await pool?.close();
	pool = undefined;
});

function page(entries: number, body?: string): string {
	const blog = makeFakeBlog("live", entries);
	if (body !== undefined) for (const e of blog.entries) e.body = body;
	return renderBlog(blog, ORIGIN);
}

describe("ExtractPool", () => {
	it("extracts a page in a worker, with Dates intact", async () => {
		pool = createExtractPool({ workers: 1, deadlineMs: 60_000 });
		const blog = await pool.extract({ body: page(3), pageUrl: `${ORIGIN}/live`, now: Date.now() });
		expect(blog.entries.map((e) => e.headline)).toEqual([
			"Entry 3 headline",
			"Entry 2 headline",
			"Entry 1 headline",
		]);
		expect(blog.entries[0]?.publishedAt).toBeInstanceOf(Date);
		expect(blog.url).toBe(`${ORIGIN}/live`);
	});

	it("carries the keyEvent flag back from the worker", async () => {
		pool = createExtractPool({ workers: 1, deadlineMs: 60_000 });
		const post = (id: string, minute: number, attrs: string) =>
			`<section id="${id}" ${attrs}><time datetime="2024-03-02T10:${minute}:00Z">x</time><h3>Headline ${id}</h3><p>Enough reporting text for ${id}.</p></section>`;
		const body = `<html><body><div>${post("p2", 20, 'data-type="key-event"')}${post("p1", 10, "")}</div></body></html>`;
		const blog = await pool.extract({ body, pageUrl: `${ORIGIN}/live`, now: 0 });
		expect(blog.entries.map((e) => [e.id, e.keyEvent])).toEqual([
			["p2", true],
			["p1", undefined],
		]);
	});

	it("rethrows NotALiveBlogError with its code, message and the extractors tried", async () => {
		pool = createExtractPool({ workers: 1, deadlineMs: 60_000 });
		const error = await pool
			.extract({ body: "<html><p>An article.</p></html>", pageUrl: `${ORIGIN}/a`, now: 0 })
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NotALiveBlogError);
		expect((error as NotALiveBlogError).code).toBe("not-a-live-blog");
		expect((error as NotALiveBlogError).tried).toContain("json-ld");
		expect((error as Error).message).toContain(`${ORIGIN}/a`);
	});

	it("carries back the live-blog platform a page embeds", async () => {
		pool = createExtractPool({ workers: 1, deadlineMs: 60_000 });
		const body = '<html><p>Live.</p><div id="LB24_LIVE_CONTENT" data-eid="1"></div></html>';
		const error = await pool
			.extract({ body, pageUrl: `${ORIGIN}/b`, now: 0 })
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NotALiveBlogError);
		expect((error as NotALiveBlogError).embed).toBe("24liveblog");
	});

	it("fails a page over its deadline with PageTooComplexError, then serves the next page", async () => {
		pool = createExtractPool({ workers: 1, deadlineMs: 60_000 });
		// 1 ms: no worker parses 400 entries of 2 KB that fast, however idle the machine.
		const slow = pool.extract({
			body: page(400, ordinaryProse(2_000)),
			pageUrl: `${ORIGIN}/slow`,
			now: 0,
			deadlineMs: 1,
		});
		const error = await slow.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(PageTooComplexError);
		expect((error as PageTooComplexError).code).toBe("page-too-complex");
		expect((error as PageTooComplexError).reason).toBe("deadline");
		// The stuck worker was terminated; a fresh one takes the next page.
		const blog = await pool.extract({ body: page(2), pageUrl: `${ORIGIN}/live`, now: 0 });
		expect(blog.entries).toHaveLength(2);
	});

	it("never gives a page that ran past its deadline before the last free worker", async () => {
		pool = createExtractPool({ workers: 2, deadlineMs: 60_000 });
		const at = (slug: string) => `${ORIGIN}/${slug}`;
		// The suspect earns its name; then both workers are started and ready.
		const big = page(3_000, ordinaryProse(3_000));
		await expect(
			pool.extract({ body: big, pageUrl: at("suspect"), now: 0, deadlineMs: 1 }),
		).rejects.toBeInstanceOf(PageTooComplexError);
		await pool.warm();
		const done: string[] = [];
		const track = (name: string, p: Promise<unknown>) => p.then(() => done.push(name));
		// Two reads of the suspect page, then an ordinary page: the ordinary one must not wait for both.
		const first = track("suspect 1", pool.extract({ body: big, pageUrl: at("suspect"), now: 0 }));
		// A smaller second read: without the rule it would take the other worker and finish first.
		const smaller = page(200, ordinaryProse(3_000));
		const second = track(
			"suspect 2",
			pool.extract({ body: smaller, pageUrl: at("suspect"), now: 0 }),
		);
		const ordinary = track(
			"ordinary",
			pool.extract({ body: page(2), pageUrl: at("calm"), now: 0 }),
		);
		await Promise.all([first, second, ordinary]);
		expect(done.indexOf("ordinary")).toBeLessThan(done.indexOf("suspect 2"));
		expect(done.indexOf("suspect 1")).toBeLessThan(done.indexOf("suspect 2"));
	});

	it("parses cheap pages first while dear ones wait (but never for long)", async () => {
		pool = createExtractPool({ workers: 1, deadlineMs: 60_000 });
		const done: string[] = [];
		const track = (name: string, body: string) =>
			pool?.extract({ body, pageUrl: `${ORIGIN}/${name}`, now: 0 }).then(() => done.push(name));
		// The first takes the only worker; the big page is queued before the small one.
		await Promise.all([
			track("first", page(1)),
			track("big", page(400, ordinaryProse(2_000))),
			track("small", page(2)),
		]);
		expect(done).toEqual(["first", "small", "big"]);
	});

	it("runs pages on several workers and queues the rest", async () => {
		pool = createExtractPool({ workers: 2, deadlineMs: 60_000 });
		const blogs = await Promise.all(
			[1, 2, 3, 4, 5].map((n) =>
				pool?.extract({ body: page(n), pageUrl: `${ORIGIN}/live`, now: 0 }),
			),
		);
		expect(blogs.map((b) => b?.entries.length)).toEqual([1, 2, 3, 4, 5]);
	});

	it("rejects pages still queued or running when closed, and refuses new ones", async () => {
		pool = createExtractPool({ workers: 1, deadlineMs: 60_000 });
		const pending = pool
			.extract({ body: page(50), pageUrl: `${ORIGIN}/live`, now: 0 })
			.catch((e: unknown) => e);
		await pool.close();
		expect(await pending).toBeInstanceOf(Error);
		expect(((await pending) as Error).message).toMatch(/closed/);
		await expect(
			pool.extract({ body: page(1), pageUrl: `${ORIGIN}/live`, now: 0 }),
		).rejects.toThrow(/closed/);
	});
});
