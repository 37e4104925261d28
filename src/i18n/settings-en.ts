/**
 * English words of the follower settings (issue 14): settings replies, the Telegram keyboard, topic
 * and thread placement, digest headings and the Discord /settings descriptions. Kept in their own
 * block (spread into en.ts) so other catalogue additions merge cleanly. Plain text; adapters escape.
 */
export const settingsEn = {
	// ---- Settings: usage and refusals ----
	"settings.usage":
		"Usage: /settings [number|default] <setting> <value>, e.g. /settings 2 mode digest 60. Settings: mode, keywords, keyevents, quiet, breakthrough, edits, retractions, pin, reset.",
	"settings.mode-usage": "Mode is one of: all, key, digest 15, digest 30, digest 60, digest 120.",
	"settings.keywords-usage":
		'Usage: /keywords [number|default] +word -word +"a phrase", or clear. Words match whole words, in any case and with or without accents.',
	"settings.keyword-too-long": "A keyword or phrase can be at most {max} characters long.",
	"settings.too-many-keywords": "At most {max} keywords to include and {max} to exclude.",
	"settings.quiet-usage":
		"Usage: /quiet [number|default] 23:00 07:00 (start and end, in the chat's time zone), or /quiet off.",
	"settings.quiet-same": "Quiet hours must start and end at different times.",
	"settings.retractions-usage": "Retractions is one of: strike, delete, off.",
	"settings.timezone-usage":
		"Usage: /timezone Europe/Kyiv (an IANA time zone name), or /timezone reset for UTC.",
	"settings.language-usage": "Usage: /language en|de|fr|es|uk, or /language reset.",
	"settings.too-long": "That's too long for a settings command.",
	"settings.unclosed-quote": 'A quote is not closed: put phrases in "double quotes".',
	"settings.admins-only": "Only administrators can change the settings here; anyone can view them.",
	"settings.no-blogs":
		"This chat doesn't follow any live blog yet, so there is nothing to set for a blog. Defaults (/settings default …) apply to blogs followed later.",
	"settings.on-off-usage": "Usage: {name} on or {name} off.",
	"settings.unknown-setting":
		'I don\'t know the setting "{name}". Settings: mode, keywords, keyevents, quiet, breakthrough, edits, retractions, pin, reset.',
	"settings.bad-number": "There is no blog number {number} here; /settings lists them.",
	"settings.keyword-empty": '"{word}" has no letters or digits to match.',
	"settings.unknown-timezone":
		'I don\'t know the time zone "{zone}". Use an IANA name such as Europe/Kyiv, America/New_York or UTC.',
	"settings.unknown-language": 'I don\'t speak "{code}" yet. Choose en, de, fr, es or uk.',
	"settings.not-followed-here": "This channel doesn't follow that blog; pick one from the list.",
	"settings.keywords-missing": "Give words to include or exclude, or clear:true.",
	"settings.unknown-part": "I don't know that part of /settings.",
	"settings.nothing-chosen": "Choose at least one option to change.",
	"settings.unavailable": "Settings are not available on this bot.",
	"settings.cannot-check-admin-tap": "I couldn't check your admin rights; try again.",
	"settings.admins-only-tap": "Only administrators can change the settings here.",

	// ---- Settings: what is in force, and what changed ----
	"settings.timezone-set": "Times here are now shown in {zone}.",
	"settings.timezone-utc": "Times here are now shown in UTC.",
	"settings.language-set": "The bot now speaks {language} here.",
	"settings.language-default": "The bot speaks the default language here again.",
	"settings.chat-line": "Time zone: {zone} · language: {language}",
	"settings.default-language": "default",
	"settings.defaults-header":
		"Defaults for this chat (blogs without their own choice follow them):",
	"settings.changed-defaults": "Saved as this chat's default:",
	"settings.changed-blog": "Saved for “{title}”:",
	"settings.reset-defaults": "This chat's defaults are back to the built-in ones.",
	"settings.reset-blog": "“{title}” follows this chat's defaults again.",
	"settings.on": "on",
	"settings.off": "off",
	"settings.none": "none",
	"settings.mode.all": "every entry",
	"settings.mode.key": "key events only",
	"settings.mode.digest": "digest every {minutes} min",
	"settings.keywords": "keywords {words}",
	"settings.keywords-pass": "keywords {words} (key events always pass)",
	"settings.quiet": "quiet {from}–{to}",
	"settings.quiet-break": "quiet {from}–{to} (key events break through)",
	"settings.retraction.strike": "strike",
	"settings.retraction.delete": "delete",
	"settings.retraction.off": "off",
	"settings.changes": "edits {edits}, retractions {retractions}, pin {pin}",
	"settings.patch.mode": "mode: {mode}",
	"settings.patch.no-keywords": "no keywords",
	"settings.patch.keyevents-pass": "key events always pass",
	"settings.patch.keyevents-filtered": "key events are filtered like other entries",
	"settings.patch.quiet": "quiet hours {from}–{to}",
	"settings.patch.no-quiet": "no quiet hours",
	"settings.patch.break": "key events break through quiet hours",
	"settings.patch.wait": "key events wait out quiet hours",
	"settings.patch.edits": "edits {state}",
	"settings.patch.retractions": "retractions: {retractions}",
	"settings.patch.pin": "pin key events {state}",

	// ---- Telegram: the /settings keyboard (button labels short) ----
	"keyboard.title": "Settings",
	"keyboard.pick": "pick a blog, or the defaults for this chat.",
	"keyboard.empty": "this chat follows no blog yet; defaults apply to blogs followed later.",
	"keyboard.defaults": "Defaults for this chat",
	"keyboard.every": "Every entry",
	"keyboard.key": "Key events",
	"keyboard.digest": "Digest {minutes}′",
	"keyboard.edits": "Edits: {state}",
	"keyboard.pin": "Pin key events: {state}",
	"keyboard.retracted": "Retracted: {how}",
	"keyboard.keyevents-pass": "Key events pass keywords: {state}",
	"keyboard.break": "Key events break quiet: {state}",
	"keyboard.quiet-off": "Quiet {from}–{to}: turn off",
	"keyboard.set-keywords": "Keywords…",
	"keyboard.set-quiet": "Quiet hours…",
	"keyboard.timezone": "Time zone: {zone}",
	"keyboard.reset": "Reset",
	"keyboard.back": "« Back",
	"keyboard.summary": "Keywords: {keywords} · quiet hours: {quiet}",
	"keyboard.timezone-title":
		"Time zone for this chat: {zone}. Pick one, or type /timezone followed by a name, e.g. /timezone Europe/Paris.",
	"keyboard.ask-keywords":
		'Reply to this message with the keywords for {scope}: +word to require, -word to rule out, "a phrase" in quotes, or clear. I wait {minutes} minutes.',
	"keyboard.ask-quiet":
		"Reply to this message with the start and end of quiet hours for {scope}, e.g. 23:00 07:00, or off. I wait {minutes} minutes.",
	"keyboard.ask-placeholder": "+ceasefire -football",

	// ---- Placement: a topic or thread per blog ----
	"placement.not-a-forum":
		"This chat has no topics, so entries will be posted here. (Turn on topics in the group's settings to give each blog its own.)",
	"placement.no-topic-right":
		"I can't create topics here (I need the Manage Topics right), so entries will be posted in this topic.",
	"placement.in-topic": "Entries will be posted in the topic “{name}”.",
	"placement.topic-closed":
		"I can't post new entries of {blog} in its topic: the topic is closed. Reopen it within a day to get them there, or send /unsubscribe in that topic.",
	"placement.topic-deleted":
		"The topic of {blog} was deleted, so I've paused posting it. Send /subscribe {url} topic to give it a new topic.",
	"placement.thread-channel-types":
		"Threads can be made in text, announcement and forum channels only.",
	"placement.thread-missing-rights":
		"I can't make a thread in {channel}: I need the {permissions} permission there.",
	"placement.thread-starter": "New entries of this live blog are posted here.",
	"placement.thread-follows": "{thread} now follows {blog}. New entries will be posted there.",
	"placement.thread-recreated":
		"The thread of this live blog was deleted, so I made this new one; new entries are posted here.",

	// ---- Digests ----
	"digest.heading": "Digest",
	"digest.quiet-heading": "While it was quiet",
	"digest.dropped": {
		one: "… and {count} more entry: see the live blog.",
		other: "… and {count} more entries: see the live blog.",
	},

	// ---- Discord /settings descriptions and choices (at most 100 characters) ----
	"slash.settings": "What and when each followed blog posts in this channel",
	"slash.settings.url": "The blog (leave out for this channel's defaults)",
	"slash.settings.view": "Show the settings",
	"slash.settings.mode": "Every entry, key events only, or a digest",
	"slash.settings.mode.mode": "What to post",
	"slash.settings.mode.all": "every entry",
	"slash.settings.mode.key": "key events only",
	"slash.settings.mode.digest15": "digest every 15 minutes",
	"slash.settings.mode.digest30": "digest every 30 minutes",
	"slash.settings.mode.digest60": "digest every hour",
	"slash.settings.mode.digest120": "digest every 2 hours",
	"slash.settings.keywords": "Only entries with (or without) these words",
	"slash.settings.keywords.include": 'Words or "quoted phrases" an entry must contain',
	"slash.settings.keywords.exclude": 'Words or "quoted phrases" that rule an entry out',
	"slash.settings.keywords.clear": "Empty both lists first",
	"slash.settings.quiet": "Hold entries during quiet hours, then send one digest",
	"slash.settings.quiet.from": "Start, e.g. 23:00",
	"slash.settings.quiet.to": "End, e.g. 07:00",
	"slash.settings.quiet.off": "No quiet hours",
	"slash.settings.keyevents": "How key events are treated",
	"slash.settings.keyevents.pass": "Key events pass the keyword lists",
	"slash.settings.keyevents.breakthrough": "Key events break through quiet hours",
	"slash.settings.changes": "Edits, retractions and pins",
	"slash.settings.changes.edits": "Edit posts when entries change",
	"slash.settings.changes.retractions": "A retracted entry's post is…",
	"slash.settings.changes.strike": "struck through",
	"slash.settings.changes.delete": "deleted",
	"slash.settings.changes.off": "left alone",
	"slash.settings.changes.pin": "Pin key events",
	"slash.settings.on": "on",
	"slash.settings.off": "off",
	"slash.settings.reset": "Back to the defaults",
	"slash.settings.timezone": "Time zone of the times the bot shows here",
	"slash.settings.timezone.zone": "IANA name, e.g. Europe/Kyiv, or reset",
	"slash.settings.language": "Language of the bot's own words here",
	"slash.settings.language.language": "Default: your Discord language",
	"slash.settings.language.default": "default",
} as const;
