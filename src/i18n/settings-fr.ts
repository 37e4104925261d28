/** French words of the follower settings; same keys and placeholders as settings-en.ts ("vous"). */
import type { Message } from "./catalogue.js";
import type { settingsEn } from "./settings-en.js";

export const settingsFr: { readonly [K in keyof typeof settingsEn]: Message } = {
	"settings.usage":
		"Utilisation : /settings [numéro|default] <réglage> <valeur>, p. ex. /settings 2 mode digest 60. Réglages : mode, keywords, keyevents, quiet, breakthrough, edits, retractions, pin, reset.",
	"settings.mode-usage":
		"Le mode est l'un de : all, key, digest 15, digest 30, digest 60, digest 120.",
	"settings.keywords-usage":
		'Utilisation : /keywords [numéro|default] +mot -mot +"une expression", ou clear. Les mots correspondent à des mots entiers, majuscules ou minuscules, avec ou sans accents.',
	"settings.keyword-too-long": "Un mot-clé ou une expression fait au plus {max} caractères.",
	"settings.too-many-keywords": "Au plus {max} mots-clés à inclure et {max} à exclure.",
	"settings.quiet-usage":
		"Utilisation : /quiet [numéro|default] 23:00 07:00 (début et fin, dans le fuseau horaire du chat), ou /quiet off.",
	"settings.quiet-same": "Les heures calmes doivent commencer et finir à des heures différentes.",
	"settings.retractions-usage": "Pour les retraits : strike, delete ou off.",
	"settings.timezone-usage":
		"Utilisation : /timezone Europe/Paris (un nom de fuseau IANA), ou /timezone reset pour UTC.",
	"settings.language-usage": "Utilisation : /language en|de|fr|es|uk, ou /language reset.",
	"settings.too-long": "C'est trop long pour une commande de réglages.",
	"settings.unclosed-quote":
		'Un guillemet n\'est pas fermé : mettez les expressions entre "guillemets droits".',
	"settings.admins-only":
		"Seuls les administrateurs peuvent modifier les réglages ici ; tout le monde peut les voir.",
	"settings.no-blogs":
		"Ce chat ne suit encore aucun live, il n'y a donc rien à régler pour un live. Les réglages par défaut (/settings default …) s'appliquent aux lives suivis plus tard.",
	"settings.on-off-usage": "Utilisation : {name} on ou {name} off.",
	"settings.unknown-setting":
		"Je ne connais pas le réglage « {name} ». Réglages : mode, keywords, keyevents, quiet, breakthrough, edits, retractions, pin, reset.",
	"settings.bad-number": "Il n'y a pas de live numéro {number} ici ; /settings les liste.",
	"settings.keyword-empty": "« {word} » ne contient ni lettre ni chiffre à rechercher.",
	"settings.unknown-timezone":
		"Je ne connais pas le fuseau horaire « {zone} ». Utilisez un nom IANA comme Europe/Paris, America/New_York ou UTC.",
	"settings.unknown-language":
		"Je ne parle pas encore « {code} ». Choisissez en, de, fr, es ou uk.",
	"settings.not-followed-here": "Ce salon ne suit pas ce live ; choisissez-en un dans la liste.",
	"settings.keywords-missing": "Indiquez des mots à inclure ou à exclure, ou clear:true.",
	"settings.unknown-part": "Je ne connais pas cette partie de /settings.",
	"settings.nothing-chosen": "Choisissez au moins une option à modifier.",
	"settings.unavailable": "Les réglages ne sont pas disponibles sur ce bot.",
	"settings.cannot-check-admin-tap":
		"Je n'ai pas pu vérifier vos droits d'administrateur ; réessayez.",
	"settings.admins-only-tap": "Seuls les administrateurs peuvent modifier les réglages ici.",

	"settings.timezone-set": "Les heures sont désormais affichées ici en {zone}.",
	"settings.timezone-utc": "Les heures sont désormais affichées ici en UTC.",
	"settings.language-set": "Le bot parle désormais {language} ici.",
	"settings.language-default": "Le bot parle de nouveau la langue par défaut ici.",
	"settings.chat-line": "Fuseau horaire : {zone} · langue : {language}",
	"settings.default-language": "par défaut",
	"settings.defaults-header":
		"Réglages par défaut de ce chat (les lives sans choix propre les suivent) :",
	"settings.changed-defaults": "Enregistré comme réglage par défaut de ce chat :",
	"settings.changed-blog": "Enregistré pour « {title} » :",
	"settings.reset-defaults": "Les réglages par défaut de ce chat sont revenus à ceux d'origine.",
	"settings.reset-blog": "« {title} » suit de nouveau les réglages par défaut de ce chat.",
	"settings.on": "activé",
	"settings.off": "désactivé",
	"settings.none": "aucun",
	"settings.mode.all": "chaque entrée",
	"settings.mode.key": "événements clés seulement",
	"settings.mode.digest": "résumé toutes les {minutes} min",
	"settings.keywords": "mots-clés {words}",
	"settings.keywords-pass": "mots-clés {words} (les événements clés passent toujours)",
	"settings.quiet": "heures calmes {from}–{to}",
	"settings.quiet-break": "heures calmes {from}–{to} (les événements clés passent)",
	"settings.retraction.strike": "barrer",
	"settings.retraction.delete": "supprimer",
	"settings.retraction.off": "rien",
	"settings.changes": "modifications {edits}, retraits : {retractions}, épinglage {pin}",
	"settings.patch.mode": "mode : {mode}",
	"settings.patch.no-keywords": "aucun mot-clé",
	"settings.patch.keyevents-pass": "les événements clés passent toujours",
	"settings.patch.keyevents-filtered": "les événements clés sont filtrés comme les autres entrées",
	"settings.patch.quiet": "heures calmes {from}–{to}",
	"settings.patch.no-quiet": "pas d'heures calmes",
	"settings.patch.break": "les événements clés passent pendant les heures calmes",
	"settings.patch.wait": "les événements clés attendent la fin des heures calmes",
	"settings.patch.edits": "modifications {state}",
	"settings.patch.retractions": "retraits : {retractions}",
	"settings.patch.pin": "épingler les événements clés : {state}",

	"keyboard.title": "Réglages",
	"keyboard.pick": "choisissez un live, ou les réglages par défaut de ce chat.",
	"keyboard.empty":
		"ce chat ne suit encore aucun live ; les réglages par défaut s'appliquent aux lives suivis plus tard.",
	"keyboard.defaults": "Par défaut pour ce chat",
	"keyboard.every": "Chaque entrée",
	"keyboard.key": "Événements clés",
	"keyboard.digest": "Résumé {minutes}′",
	"keyboard.edits": "Modifications : {state}",
	"keyboard.pin": "Épingler les clés : {state}",
	"keyboard.retracted": "Retrait : {how}",
	"keyboard.keyevents-pass": "Clés passent les mots-clés : {state}",
	"keyboard.break": "Clés passent les heures calmes : {state}",
	"keyboard.quiet-off": "Calme {from}–{to} : désactiver",
	"keyboard.set-keywords": "Mots-clés…",
	"keyboard.set-quiet": "Heures calmes…",
	"keyboard.timezone": "Fuseau : {zone}",
	"keyboard.reset": "Réinitialiser",
	"keyboard.back": "« Retour",
	"keyboard.summary": "Mots-clés : {keywords} · heures calmes : {quiet}",
	"keyboard.timezone-title":
		"Fuseau horaire de ce chat : {zone}. Choisissez-en un, ou tapez /timezone suivi d'un nom, p. ex. /timezone Europe/Paris.",
	"keyboard.ask-keywords":
		"Répondez à ce message avec les mots-clés pour {scope} : +mot pour l'exiger, -mot pour l'exclure, \"une expression\" entre guillemets, ou clear. J'attends {minutes} minutes.",
	"keyboard.ask-quiet":
		"Répondez à ce message avec le début et la fin des heures calmes pour {scope}, p. ex. 23:00 07:00, ou off. J'attends {minutes} minutes.",
	"keyboard.ask-placeholder": "+cessez-le-feu -football",

	"placement.not-a-forum":
		"Ce chat n'a pas de sujets, les entrées seront donc publiées ici. (Activez les sujets dans les réglages du groupe pour donner à chaque live le sien.)",
	"placement.no-topic-right":
		"Je ne peux pas créer de sujets ici (il me faut le droit de gérer les sujets), les entrées seront donc publiées dans ce sujet.",
	"placement.in-topic": "Les entrées seront publiées dans le sujet « {name} ».",
	"placement.topic-closed":
		"Je ne peux pas publier les nouvelles entrées de {blog} dans son sujet : le sujet est fermé. Rouvrez-le dans la journée pour les y recevoir, ou envoyez /unsubscribe dans ce sujet.",
	"placement.topic-deleted":
		"Le sujet de {blog} a été supprimé, j'ai donc mis sa publication en pause. Envoyez /subscribe {url} topic pour lui donner un nouveau sujet.",
	"placement.thread-channel-types":
		"Les fils ne peuvent être créés que dans les salons textuels, d'annonces et forums.",
	"placement.thread-missing-rights":
		"Je ne peux pas créer de fil dans {channel} : il me faut la permission {permissions} là-bas.",
	"placement.thread-starter": "Les nouvelles entrées de ce live sont publiées ici.",
	"placement.thread-follows":
		"{thread} suit désormais {blog}. Les nouvelles entrées y seront publiées.",
	"placement.thread-recreated":
		"Le fil de ce live a été supprimé, j'ai donc créé celui-ci ; les nouvelles entrées sont publiées ici.",

	"digest.heading": "Résumé",
	"digest.quiet-heading": "Pendant les heures calmes",
	"digest.dropped": {
		one: "… et {count} autre entrée : voir le live.",
		other: "… et {count} autres entrées : voir le live.",
	},

	"slash.settings": "Quoi et quand chaque live suivi publie dans ce salon",
	"slash.settings.url": "Le live (à omettre pour les réglages par défaut du salon)",
	"slash.settings.view": "Afficher les réglages",
	"slash.settings.mode": "Chaque entrée, les événements clés seulement, ou un résumé",
	"slash.settings.mode.mode": "Quoi publier",
	"slash.settings.mode.all": "chaque entrée",
	"slash.settings.mode.key": "événements clés seulement",
	"slash.settings.mode.digest15": "résumé toutes les 15 minutes",
	"slash.settings.mode.digest30": "résumé toutes les 30 minutes",
	"slash.settings.mode.digest60": "résumé toutes les heures",
	"slash.settings.mode.digest120": "résumé toutes les 2 heures",
	"slash.settings.keywords": "Seulement les entrées avec (ou sans) ces mots",
	"slash.settings.keywords.include":
		'Mots ou "expressions entre guillemets" qu\'une entrée doit contenir',
	"slash.settings.keywords.exclude":
		'Mots ou "expressions entre guillemets" qui excluent une entrée',
	"slash.settings.keywords.clear": "Vider d'abord les deux listes",
	"slash.settings.quiet": "Retenir les entrées pendant les heures calmes, puis envoyer un résumé",
	"slash.settings.quiet.from": "Début, p. ex. 23:00",
	"slash.settings.quiet.to": "Fin, p. ex. 07:00",
	"slash.settings.quiet.off": "Pas d'heures calmes",
	"slash.settings.keyevents": "Traitement des événements clés",
	"slash.settings.keyevents.pass": "Les événements clés passent les listes de mots-clés",
	"slash.settings.keyevents.breakthrough": "Les événements clés passent pendant les heures calmes",
	"slash.settings.changes": "Modifications, retraits et épinglage",
	"slash.settings.changes.edits": "Modifier les messages quand les entrées changent",
	"slash.settings.changes.retractions": "Le message d'une entrée retirée est…",
	"slash.settings.changes.strike": "barré",
	"slash.settings.changes.delete": "supprimé",
	"slash.settings.changes.off": "laissé tel quel",
	"slash.settings.changes.pin": "Épingler les événements clés",
	"slash.settings.on": "activé",
	"slash.settings.off": "désactivé",
	"slash.settings.reset": "Revenir aux réglages par défaut",
	"slash.settings.timezone": "Fuseau horaire des heures affichées ici par le bot",
	"slash.settings.timezone.zone": "Nom IANA, p. ex. Europe/Paris, ou reset",
	"slash.settings.language": "Langue des propres messages du bot ici",
	"slash.settings.language.language": "Par défaut : votre langue Discord",
	"slash.settings.language.default": "par défaut",
};
