/**
 * Version of the extraction rules. Bump it when a change makes the extractor build other ids,
 * bodies or headlines for entries it already read: the first poll of each blog under new rules
 * then re-baselines the stored content hashes instead of reporting every changed text as an edit.
 * 2: issue 11 (cross-source merging, non-entries, time rules, stable ids, microdata).
 * 3: inline photo captions leave bodies; Portuguese ticker stamps; one zone rule (country domains
 *    now count for zone-less times in structured data).
 *    Also: a "Pinned" label inside an entry is not its text (issue 16).
 * 4: platform markups: WordPress Liveblog ids lose their "liveblog-entry-" prefix in every source,
 *    its AMP entries are keyed by entry time (their DOM id moves on edit), its card template's
 *    header leaves bodies; Sourcefabric Live Blog posts are read by their own rules; a markup
 *    entry's leading date/time stamp line leaves its body; the generic finder reads id-less runs;
 *    post arrays read Arc XP's ANS fields (display_date, headlines.basic, content_elements).
 * 5: a merged entry's id comes from the source that names the most of the page's entries (the
 *    markup on a tie), no longer from the first source that names it: with partial JSON-LD an
 *    entry's id flipped (update-8812 → entry-8812) when it left the JSON-LD list. Stored ids of
 *    entries whose sources named them differently change once (detection's id migration holds).
 * 6: the headline, like the id, comes from the source naming the most entries (with partial JSON-LD
 *    an entry's headline switched to the markup's when it left the list: a false edit).
 */
export const EXTRACT_RULES_VERSION = 6;
