/** German words of the follower settings; same keys and placeholders as settings-en.ts (informal "du"). */
import type { Message } from "./catalogue.js";
import type { settingsEn } from "./settings-en.js";

export const settingsDe: { readonly [K in keyof typeof settingsEn]: Message } = {
	"settings.usage":
		"So geht's: /settings [Nummer|default] <Einstellung> <Wert>, z. B. /settings 2 mode digest 60. Einstellungen: mode, keywords, keyevents, quiet, breakthrough, edits, retractions, pin, reset.",
	"settings.mode-usage": "Als Modus geht: all, key, digest 15, digest 30, digest 60, digest 120.",
	"settings.keywords-usage":
		'So geht\'s: /keywords [Nummer|default] +Wort -Wort +"eine Wendung", oder clear. Es zählen ganze Wörter, egal ob groß oder klein, mit oder ohne Akzente.',
	"settings.keyword-too-long":
		"Ein Stichwort oder eine Wendung darf höchstens {max} Zeichen lang sein.",
	"settings.too-many-keywords":
		"Höchstens {max} Stichwörter zum Einschließen und {max} zum Ausschließen.",
	"settings.quiet-usage":
		"So geht's: /quiet [Nummer|default] 23:00 07:00 (Beginn und Ende, in der Zeitzone des Chats), oder /quiet off.",
	"settings.quiet-same": "Ruhezeiten müssen zu verschiedenen Zeiten beginnen und enden.",
	"settings.retractions-usage": "Für zurückgezogene Einträge geht: strike, delete, off.",
	"settings.timezone-usage":
		"So geht's: /timezone Europe/Berlin (ein IANA-Zeitzonenname), oder /timezone reset für UTC.",
	"settings.language-usage": "So geht's: /language en|de|fr|es|uk, oder /language reset.",
	"settings.too-long": "Das ist zu lang für einen Einstellungsbefehl.",
	"settings.unclosed-quote":
		'Ein Anführungszeichen ist nicht geschlossen: Setz Wendungen in "doppelte Anführungszeichen".',
	"settings.admins-only":
		"Nur Administratoren können die Einstellungen hier ändern; ansehen kann sie jeder.",
	"settings.no-blogs":
		"Dieser Chat folgt noch keinem Live-Blog, also gibt es für keinen Blog etwas einzustellen. Standardwerte (/settings default …) gelten für Blogs, denen er später folgt.",
	"settings.on-off-usage": "So geht's: {name} on oder {name} off.",
	"settings.unknown-setting":
		"Die Einstellung „{name}“ kenne ich nicht. Einstellungen: mode, keywords, keyevents, quiet, breakthrough, edits, retractions, pin, reset.",
	"settings.bad-number": "Hier gibt es keinen Blog Nummer {number}; /settings listet sie auf.",
	"settings.keyword-empty": "„{word}“ enthält keine Buchstaben oder Ziffern, die passen könnten.",
	"settings.unknown-timezone":
		"Die Zeitzone „{zone}“ kenne ich nicht. Nimm einen IANA-Namen wie Europe/Berlin, America/New_York oder UTC.",
	"settings.unknown-language": "„{code}“ spreche ich noch nicht. Wähl en, de, fr, es oder uk.",
	"settings.not-followed-here": "Dieser Kanal folgt diesem Blog nicht; wähl einen aus der Liste.",
	"settings.keywords-missing": "Gib Wörter zum Ein- oder Ausschließen an, oder clear:true.",
	"settings.unknown-part": "Diesen Teil von /settings kenne ich nicht.",
	"settings.nothing-chosen": "Wähl mindestens eine Option, die geändert werden soll.",
	"settings.unavailable": "Einstellungen gibt es bei diesem Bot nicht.",
	"settings.cannot-check-admin-tap":
		"Ich konnte deine Administratorrechte nicht prüfen; versuch es noch einmal.",
	"settings.admins-only-tap": "Nur Administratoren können die Einstellungen hier ändern.",

	"settings.timezone-set": "Zeiten werden hier jetzt in {zone} angezeigt.",
	"settings.timezone-utc": "Zeiten werden hier jetzt in UTC angezeigt.",
	"settings.language-set": "Der Bot spricht hier jetzt {language}.",
	"settings.language-default": "Der Bot spricht hier wieder die Standardsprache.",
	"settings.chat-line": "Zeitzone: {zone} · Sprache: {language}",
	"settings.default-language": "Standard",
	"settings.defaults-header":
		"Standardwerte für diesen Chat (Blogs ohne eigene Wahl folgen ihnen):",
	"settings.changed-defaults": "Als Standard dieses Chats gespeichert:",
	"settings.changed-blog": "Gespeichert für „{title}“:",
	"settings.reset-defaults": "Die Standardwerte dieses Chats sind wieder die eingebauten.",
	"settings.reset-blog": "„{title}“ folgt wieder den Standardwerten dieses Chats.",
	"settings.on": "an",
	"settings.off": "aus",
	"settings.none": "keine",
	"settings.mode.all": "jeder Eintrag",
	"settings.mode.key": "nur wichtige Ereignisse",
	"settings.mode.digest": "Zusammenfassung alle {minutes} Min.",
	"settings.keywords": "Stichwörter {words}",
	"settings.keywords-pass": "Stichwörter {words} (wichtige Ereignisse kommen immer durch)",
	"settings.quiet": "Ruhezeit {from}–{to}",
	"settings.quiet-break": "Ruhezeit {from}–{to} (wichtige Ereignisse brechen sie)",
	"settings.retraction.strike": "durchstreichen",
	"settings.retraction.delete": "löschen",
	"settings.retraction.off": "aus",
	"settings.changes": "Bearbeitungen {edits}, Zurückgezogenes {retractions}, Anheften {pin}",
	"settings.patch.mode": "Modus: {mode}",
	"settings.patch.no-keywords": "keine Stichwörter",
	"settings.patch.keyevents-pass": "wichtige Ereignisse kommen immer durch",
	"settings.patch.keyevents-filtered": "wichtige Ereignisse werden wie andere Einträge gefiltert",
	"settings.patch.quiet": "Ruhezeit {from}–{to}",
	"settings.patch.no-quiet": "keine Ruhezeit",
	"settings.patch.break": "wichtige Ereignisse brechen die Ruhezeit",
	"settings.patch.wait": "wichtige Ereignisse warten das Ende der Ruhezeit ab",
	"settings.patch.edits": "Bearbeitungen {state}",
	"settings.patch.retractions": "Zurückgezogenes: {retractions}",
	"settings.patch.pin": "wichtige Ereignisse anheften {state}",

	"keyboard.title": "Einstellungen",
	"keyboard.pick": "wähl einen Blog oder die Standardwerte dieses Chats.",
	"keyboard.empty":
		"dieser Chat folgt noch keinem Blog; Standardwerte gelten für Blogs, denen er später folgt.",
	"keyboard.defaults": "Standard für diesen Chat",
	"keyboard.every": "Jeder Eintrag",
	"keyboard.key": "Wichtige Ereignisse",
	"keyboard.digest": "Zusammenf. {minutes}′",
	"keyboard.edits": "Bearbeitungen: {state}",
	"keyboard.pin": "Wichtiges anheften: {state}",
	"keyboard.retracted": "Zurückgezogen: {how}",
	"keyboard.keyevents-pass": "Wichtiges passiert Stichwörter: {state}",
	"keyboard.break": "Wichtiges bricht Ruhezeit: {state}",
	"keyboard.quiet-off": "Ruhezeit {from}–{to}: ausschalten",
	"keyboard.set-keywords": "Stichwörter…",
	"keyboard.set-quiet": "Ruhezeit…",
	"keyboard.timezone": "Zeitzone: {zone}",
	"keyboard.reset": "Zurücksetzen",
	"keyboard.back": "« Zurück",
	"keyboard.summary": "Stichwörter: {keywords} · Ruhezeit: {quiet}",
	"keyboard.timezone-title":
		"Zeitzone dieses Chats: {zone}. Wähl eine oder tippe /timezone mit einem Namen, z. B. /timezone Europe/Paris.",
	"keyboard.ask-keywords":
		'Antworte auf diese Nachricht mit den Stichwörtern für {scope}: +Wort verlangt es, -Wort schließt aus, "eine Wendung" in Anführungszeichen, oder clear. Ich warte {minutes} Minuten.',
	"keyboard.ask-quiet":
		"Antworte auf diese Nachricht mit Beginn und Ende der Ruhezeit für {scope}, z. B. 23:00 07:00, oder off. Ich warte {minutes} Minuten.",
	"keyboard.ask-placeholder": "+Waffenruhe -Fußball",

	"placement.not-a-forum":
		"Dieser Chat hat keine Themen, also kommen die Einträge hierher. (Schalte Themen in den Gruppeneinstellungen ein, um jedem Blog ein eigenes zu geben.)",
	"placement.no-topic-right":
		"Ich kann hier keine Themen anlegen (dafür brauche ich das Recht „Themen verwalten“), also kommen die Einträge in dieses Thema.",
	"placement.in-topic": "Die Einträge kommen in das Thema „{name}“.",
	"placement.topic-closed":
		"Ich kann neue Einträge von {blog} nicht in sein Thema posten: Das Thema ist geschlossen. Öffne es innerhalb eines Tages wieder, damit sie dort ankommen, oder schick /unsubscribe in diesem Thema.",
	"placement.topic-deleted":
		"Das Thema von {blog} wurde gelöscht, deshalb habe ich das Posten pausiert. Schick /subscribe {url} topic, um ihm ein neues Thema zu geben.",
	"placement.thread-channel-types": "Threads gehen nur in Text-, Ankündigungs- und Forenkanälen.",
	"placement.thread-missing-rights":
		"Ich kann in {channel} keinen Thread anlegen: Dafür brauche ich dort die Berechtigung {permissions}.",
	"placement.thread-starter": "Neue Einträge dieses Live-Blogs werden hier gepostet.",
	"placement.thread-follows": "{thread} folgt jetzt {blog}. Neue Einträge werden dort gepostet.",
	"placement.thread-recreated":
		"Der Thread dieses Live-Blogs wurde gelöscht, deshalb habe ich diesen neuen angelegt; neue Einträge kommen hierher.",

	"digest.heading": "Zusammenfassung",
	"digest.quiet-heading": "Während der Ruhezeit",
	"digest.dropped": {
		one: "… und {count} weiterer Eintrag: siehe Live-Blog.",
		other: "… und {count} weitere Einträge: siehe Live-Blog.",
	},

	"slash.settings": "Was und wann jeder gefolgte Blog in diesem Kanal postet",
	"slash.settings.url": "Der Blog (weglassen für die Standardwerte des Kanals)",
	"slash.settings.view": "Die Einstellungen zeigen",
	"slash.settings.mode": "Jeder Eintrag, nur wichtige Ereignisse oder eine Zusammenfassung",
	"slash.settings.mode.mode": "Was gepostet wird",
	"slash.settings.mode.all": "jeder Eintrag",
	"slash.settings.mode.key": "nur wichtige Ereignisse",
	"slash.settings.mode.digest15": "Zusammenfassung alle 15 Minuten",
	"slash.settings.mode.digest30": "Zusammenfassung alle 30 Minuten",
	"slash.settings.mode.digest60": "Zusammenfassung jede Stunde",
	"slash.settings.mode.digest120": "Zusammenfassung alle 2 Stunden",
	"slash.settings.keywords": "Nur Einträge mit (oder ohne) diese Wörter",
	"slash.settings.keywords.include":
		'Wörter oder "Wendungen in Anführungszeichen", die ein Eintrag enthalten muss',
	"slash.settings.keywords.exclude":
		'Wörter oder "Wendungen in Anführungszeichen", die einen Eintrag ausschließen',
	"slash.settings.keywords.clear": "Erst beide Listen leeren",
	"slash.settings.quiet": "Einträge in der Ruhezeit sammeln, dann als eine Zusammenfassung senden",
	"slash.settings.quiet.from": "Beginn, z. B. 23:00",
	"slash.settings.quiet.to": "Ende, z. B. 07:00",
	"slash.settings.quiet.off": "Keine Ruhezeit",
	"slash.settings.keyevents": "Wie wichtige Ereignisse behandelt werden",
	"slash.settings.keyevents.pass": "Wichtige Ereignisse passieren die Stichwortlisten",
	"slash.settings.keyevents.breakthrough": "Wichtige Ereignisse brechen die Ruhezeit",
	"slash.settings.changes": "Bearbeitungen, Zurückgezogenes und Anheften",
	"slash.settings.changes.edits": "Beiträge bearbeiten, wenn sich Einträge ändern",
	"slash.settings.changes.retractions": "Der Beitrag eines zurückgezogenen Eintrags wird…",
	"slash.settings.changes.strike": "durchgestrichen",
	"slash.settings.changes.delete": "gelöscht",
	"slash.settings.changes.off": "in Ruhe gelassen",
	"slash.settings.changes.pin": "Wichtige Ereignisse anheften",
	"slash.settings.on": "an",
	"slash.settings.off": "aus",
	"slash.settings.reset": "Zurück zu den Standardwerten",
	"slash.settings.timezone": "Zeitzone der Zeiten, die der Bot hier zeigt",
	"slash.settings.timezone.zone": "IANA-Name, z. B. Europe/Berlin, oder reset",
	"slash.settings.language": "Sprache der eigenen Worte des Bots hier",
	"slash.settings.language.language": "Standard: deine Discord-Sprache",
	"slash.settings.language.default": "Standard",
};
