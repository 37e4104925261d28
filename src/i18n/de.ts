/** German. Same keys and placeholders as en.ts (checked by test/unit/i18n.test.ts); informal "du", as chat bots do. */
import type { Catalogue } from "./catalogue.js";
import { settingsDe } from "./settings-de.js";

export const de: Catalogue = {
	"error.invalid-url":
		"Das sieht nicht nach einer Webadresse aus, die ich beobachten kann. Schick die vollständige Adresse, beginnend mit https://.",
	"error.blocked-url": "Adressen in privaten oder lokalen Netzen kann ich nicht beobachten.",
	"error.unreachable": "Ich konnte diese Seite nicht erreichen. Prüf die Adresse.",
	"error.not-found": "Diese Seite gibt es auf der Website nicht. Prüf die Adresse.",
	"error.refused": "Diese Website lässt mich die Seite nicht lesen.",
	"error.site-trouble":
		"Diese Website funktioniert gerade nicht. Bitte versuch es später noch einmal.",
	"error.not-a-page":
		"Diese Adresse ist keine Webseite. Schick mir die Adresse der Live-Seite selbst.",
	"error.timeout":
		"Die Website hat zu lange nicht geantwortet. Bitte versuch es später noch einmal.",
	"error.too-many-redirects":
		"Diese Adresse leitet immer weiter, deshalb konnte ich die Seite nicht lesen. Prüf die Adresse.",
	"error.embedded-live-blog":
		"Diese Seite zeigt ihre Live-Updates über {platform}, das sie erst nach dem Öffnen der Seite lädt – deshalb kann ich sie dort nicht lesen. Wenn der Live-Blog eine eigene Seite hat, schick mir deren Adresse.",
	"error.not-a-live-blog":
		"Auf dieser Seite finde ich keine Live-Updates. Ist es ein Live-Blog? Schick mir die Adresse der Live-Seite selbst.",
	"error.page-too-large": "Diese Seite ist zu groß für mich.",
	"error.page-too-complex": "Diese Seite ist zu kompliziert, um sie schnell zu lesen.",
	"error.store":
		"Bei mir ist etwas schiefgegangen. Es wurde nichts geändert; bitte versuch es später noch einmal.",
	"error.misconfigured": "Der Bot ist falsch eingerichtet; bitte sag seinem Betreiber Bescheid.",
	"error.no-such-number": "In der Liste hier gibt es keinen Live-Blog Nummer {number}.",
	"error.not-followed": "Diesem Live-Blog wird hier nicht gefolgt.",
	"error.none-followed": "Hier wird noch keinem Live-Blog gefolgt.",
	"error.ambiguous": "Hier wird mehreren Live-Blogs gefolgt; sag mir, welchem.",
	"error.subscribe-rate-limited":
		"Das sind viele Abo-Anfragen. Bitte warte eine Minute und versuch es dann noch einmal.",
	"error.chat-limit":
		"Hier wird schon so vielen Live-Blogs gefolgt wie erlaubt ({max}). Beende zuerst ein Abo.",
	"error.bot-limit":
		"Dieser Bot beobachtet schon so viele Live-Blogs wie erlaubt. Bitte versuch es später noch einmal.",
	"error.owner-limit-server":
		"Die Kanäle dieses Servers folgen schon so vielen Live-Blogs wie erlaubt ({max}). Entfolge zuerst einem.",
	"error.owner-limit-user":
		"Die Chats, in die du mich geholt hast, folgen schon so vielen Live-Blogs wie erlaubt ({max}). Beende zuerst ein Abo.",
	"error.owner-limit-chat":
		"Dieser Chat und seine Themen folgen schon so vielen Live-Blogs wie erlaubt ({max}). Beende zuerst ein Abo.",
	"error.admins-only": "Nur Administratoren können ändern, welchen Live-Blogs hier gefolgt wird.",
	"error.manage-channels":
		"Du brauchst die Berechtigung „Kanäle verwalten“, um zu ändern, welchen Live-Blogs dieser Kanal folgt.",
	"error.admin-check-failed":
		"Ich konnte deine Admin-Rechte in diesem Chat gerade nicht prüfen. Bitte versuch es gleich noch einmal.",
	"error.something-wrong": "Bei mir ist etwas schiefgegangen. Bitte versuch es noch einmal.",

	"notice.unreachable":
		"Ich erreiche den Live-Blog „{title}“ nicht. Ich versuche es weiter und poste verpasste Einträge, sobald er wieder da ist.",
	"notice.unreachable-since":
		"Ich erreiche den Live-Blog „{title}“ seit {since} nicht. Ich versuche es weiter und poste verpasste Einträge, sobald er wieder da ist.",
	"notice.recovered": "Der Live-Blog „{title}“ ist wieder erreichbar.",
	"notice.ended": "Der Live-Blog „{title}“ ist beendet, daher folge ich ihm hier nicht mehr.",
	"notice.skipped": {
		one: "{count} weiterer Eintrag — siehe den Live-Blog „{title}“ (zu viele auf einmal, um alle hier zu posten).",
		other:
			"{count} weitere Einträge — siehe den Live-Blog „{title}“ (zu viele auf einmal, um alle hier zu posten).",
	},

	"entry.read": "Zum Eintrag",
	"entry.updated": "Aktualisiert",

	"change.updated-at": "aktualisiert {time}",
	"change.removed": "vom Herausgeber entfernt",
	"change.key-event": "⭐ Schlüsselereignis",
	"change.recap-heading": "Schlüsselereignisse",
	"change.recap-more": "…und {count} weitere",
	"change.cannot-pin":
		"Ich kann hier keine Schlüsselereignisse anheften: Gib mir das Recht, Nachrichten anzuheften, um das einzuschalten.",

	"status.ended": "beendet",
	"status.unreachable": "nicht erreichbar",
	"status.unreachable-since": "nicht erreichbar seit {since}",

	"gate.slow-down":
		"Das sind viele Befehle in kurzer Zeit. Bitte warte eine Minute und versuch es dann noch einmal.",
	"gate.not-allowed-chat":
		"Dieser Bot bedient leider nur die Chats, die sein Betreiber freigegeben hat. Du kannst eine eigene Kopie betreiben: Er ist Open Source.",
	"gate.not-allowed-server":
		"Dieser Bot bedient leider nur die Server und Kanäle, die sein Betreiber freigegeben hat.",

	"help.title": "Live-Blog-Relay",
	"help.intro":
		"Ich beobachte Live-Blogs von Nachrichtenseiten und poste jeden neuen Eintrag sofort hier.",
	"help.subscribe": "/subscribe <Adresse> — einem Live-Blog folgen",
	"help.unsubscribe": "/unsubscribe <Adresse oder Nummer> — einem nicht mehr folgen",
	"help.list": "/list — die Live-Blogs, denen hier gefolgt wird",
	"help.latest":
		"/latest [Adresse] [n] — die neuesten n Einträge (Standard {default}, höchstens {max})",
	"help.settings":
		"/settings — was und wann jeder Blog hier postet: nur Schlüsselereignisse, Stichwörter, Zusammenfassungen, Ruhezeiten",
	"help.example": "Beispiel:",
	"help.groups":
		"In Gruppen können nur Admins abonnieren oder abbestellen; alle anderen bekommen mit /latest höchstens {max} Einträge.",
	"menu.start": "Was dieser Bot tut",
	"menu.help": "So benutzt du diesen Bot",
	"menu.subscribe": "Einem Live-Blog folgen: /subscribe <Adresse>",
	"menu.unsubscribe": "Einem Live-Blog nicht mehr folgen: /unsubscribe <Adresse oder Nummer>",
	"menu.list": "Live-Blogs, denen hier gefolgt wird",
	"menu.latest": "Neueste Einträge: /latest [Adresse] [n]",
	"menu.settings": "Was und wann jeder Blog hier postet",
	"menu.keywords": "Nach Wörtern filtern: /keywords 1 +Waffenruhe -Fußball",
	"menu.quiet": "Ruhezeiten: /quiet 23:00 07:00",
	"menu.timezone": "Zeitzone: /timezone Europe/Berlin",
	"menu.language": "Sprache des Bots: /language de",
	"subscribe.usage": "Schick die Adresse des Live-Blogs nach dem Befehl, zum Beispiel:",
	"subscribe.done": "✅ Abonniert: {blog}. Neue Einträge werden hier gepostet.",
	"subscribe.already": "Dieser Chat folgt {blog} bereits.",
	"subscribe.ended": "Hinweis: Dieser Live-Blog scheint beendet zu sein.",
	"subscribe.newest": "Neuester Eintrag:",
	"unsubscribe.done": "Abo von {blog} beendet. Von dort wird hier nichts mehr gepostet.",
	"unsubscribe.hint": "Schick /list, um die Nummern zu sehen, dann /unsubscribe <Nummer>.",
	"list.empty":
		"Dieser Chat folgt noch keinem Live-Blog. Schick /subscribe <Adresse>, um anzufangen.",
	"list.head": {
		one: "Dieser Chat folgt {count} Live-Blog:",
		other: "Dieser Chat folgt {count} Live-Blogs:",
	},
	"list.which": "Welchen Live-Blog soll ich hier nicht mehr posten?",
	"list.choose": "Schick /unsubscribe <Nummer> (z. B. /unsubscribe 1) oder /unsubscribe <Adresse>.",
	"list.stop-one": "Um einen zu beenden: /unsubscribe <Nummer>",
	"latest.usage": "So geht's: /latest [Adresse] [n], zum Beispiel /latest 5",
	"latest.which": "Sag mir, welchen: /latest <Adresse> [n]",
	"latest.none": "Noch keine Einträge in {blog}.",
	"latest.newest": {
		one: "Der neueste Eintrag aus {blog}",
		other: "Die neuesten {count} Einträge aus {blog}",
	},
	"latest.all": {
		one: "Der bisher einzige Eintrag aus {blog}",
		other: "Alle {count} bisherigen Einträge aus {blog}",
	},
	"latest.at-most": "(Ich zeige höchstens {max} auf einmal.)",
	"latest.members-limit": "(In dieser Gruppe können nur Admins mehr als {max} abrufen.)",
	"private.unknown-command":
		"Diesen Befehl kenne ich nicht. Schick /help, um zu sehen, was ich kann.",
	"private.url-hint":
		"Um diesem Live-Blog zu folgen, schick /subscribe und dahinter seine Adresse.",
	"private.help-hint": "Schick /help, um zu sehen, was ich kann.",

	"discord.dm": "Diese Befehle funktionieren in Server-Kanälen, nicht in Direktnachrichten.",
	"discord.unknown-command": "Diesen Befehl kenne ich nicht mehr.",
	"discord.channel-type": "Ich kann nur in Text- und Ankündigungskanälen und in Threads posten.",
	"discord.channel-unresolved":
		"Discord hat mir den gewählten Kanal nicht mitgeteilt, daher folge ich nichts. Wähl den Kanal noch einmal oder nutze /follow in diesem Kanal.",
	"discord.permissions-unknown":
		"Ich konnte die Berechtigungen in {channel} nicht prüfen, daher folge ich nichts. Bitte versuch es noch einmal.",
	"discord.missing-permissions": {
		one: "Ich kann in {channel} nicht posten: Mir fehlt dort die Berechtigung {permissions}.",
		other: "Ich kann in {channel} nicht posten: Mir fehlen dort die Berechtigungen {permissions}.",
	},
	"discord.follow.here":
		"Dieser Kanal folgt jetzt {blog}. Neue Einträge werden gepostet, sobald sie erscheinen.",
	"discord.follow.there":
		"{channel} folgt jetzt {blog}. Neue Einträge werden gepostet, sobald sie erscheinen.",
	"discord.already.here": "Dieser Kanal folgt {blog} bereits.",
	"discord.already.there": "{channel} folgt {blog} bereits.",
	"discord.newest": "Neuester Eintrag:",
	"discord.no-entries": "Noch keine Einträge.",
	"discord.unfollow.done": "Dieser Kanal folgt {blog} nicht mehr.",
	"discord.following.empty":
		"Dieser Kanal folgt noch keinem Live-Blog. Mit /follow url: fügst du einen hinzu.",
	"discord.following.title": {
		one: "Live-Blogs, denen dieser Kanal folgt ({count})",
		other: "Live-Blogs, denen dieser Kanal folgt ({count})",
	},
	"discord.more": "… und {count} weitere",

	"slash.follow": "Jeden neuen Eintrag eines Live-Blogs in diesem Kanal posten",
	"slash.follow.url": "Adresse des Live-Blogs",
	"slash.follow.channel": "Dort statt hier posten",
	"slash.follow.thread":
		"Diesen Blog in einem eigenen Thread posten (in einem Forum: eigener Beitrag)",
	"slash.unfollow": "Einen Live-Blog in diesem Kanal nicht mehr posten",
	"slash.unfollow.url": "Der Blog, dem nicht mehr gefolgt werden soll",
	"slash.following": "Die Live-Blogs auflisten, denen dieser Kanal folgt",
	"slash.latest": "Die neuesten Einträge eines gefolgten Live-Blogs zeigen",
	"slash.latest.url": "Der Blog (optional, wenn der Kanal nur einem folgt)",
	"slash.latest.count": "Wie viele Einträge (Standard {default})",

	// ---- Follower settings (issue 14): their own block in settings-de.ts ----
	...settingsDe,
};
