/** French. Same keys and placeholders as en.ts (checked by test/unit/i18n.test.ts); "vous", as French services do. */
import type { Catalogue } from "./catalogue.js";
import { settingsFr } from "./settings-fr.js";

export const fr: Catalogue = {
	"error.invalid-url":
		"Cela ne ressemble pas à une adresse web que je peux suivre. Envoyez l’adresse complète, commençant par https://.",
	"error.blocked-url": "Je ne peux pas suivre des adresses de réseaux privés ou locaux.",
	"error.unreachable": "Je n’ai pas pu joindre ce site. Vérifiez l’adresse.",
	"error.not-found": "Cette page n’existe pas sur le site. Vérifiez l’adresse.",
	"error.refused": "Ce site ne me laisse pas lire la page.",
	"error.site-trouble": "Ce site ne fonctionne pas pour le moment. Réessayez plus tard.",
	"error.not-a-page":
		"Cette adresse n’est pas une page web. Envoyez l’adresse de la page du direct elle-même.",
	"error.timeout": "Ce site a mis trop de temps à répondre. Réessayez plus tard.",
	"error.too-many-redirects":
		"Cette adresse redirige sans fin, je n’ai donc pas pu lire la page. Vérifiez l’adresse.",
	"error.embedded-live-blog":
		"Cette page affiche ses mises à jour en direct via {platform}, qui les charge après l’ouverture de la page : je ne peux donc pas les lire. Si le direct a aussi sa propre page, envoyez-moi son adresse.",
	"error.not-a-live-blog":
		"Je n’ai pas trouvé de mises à jour en direct sur cette page. Est-ce bien un direct ? Envoyez l’adresse de la page du direct elle-même.",
	"error.page-too-large": "Cette page est trop volumineuse pour que je la lise.",
	"error.page-too-complex": "Cette page est trop complexe pour que je la lise rapidement.",
	"error.store": "Un problème est survenu de mon côté. Rien n’a été modifié ; réessayez plus tard.",
	"error.misconfigured": "Le bot est mal configuré ; prévenez la personne qui l’administre.",
	"error.no-such-number": "Il n’y a pas de direct numéro {number} dans la liste d’ici.",
	"error.not-followed": "Ce direct n’est pas suivi ici.",
	"error.none-followed": "Aucun direct n’est encore suivi ici.",
	"error.ambiguous": "Plusieurs directs sont suivis ici ; précisez lequel.",
	"error.subscribe-rate-limited":
		"Cela fait beaucoup de demandes d’abonnement. Attendez une minute, puis réessayez.",
	"error.chat-limit":
		"Le nombre maximal de directs suivis ici est déjà atteint ({max}). Désabonnez-vous d’abord de l’un d’eux.",
	"error.bot-limit": "Ce bot suit déjà autant de directs que permis. Réessayez plus tard.",
	"error.owner-limit-server":
		"Les salons de ce serveur suivent déjà le nombre maximal de directs ({max}). Arrêtez d’abord d’en suivre un.",
	"error.owner-limit-user":
		"Les discussions où vous m’avez ajouté suivent déjà le nombre maximal de directs ({max}). Désabonnez-vous d’abord de l’un d’eux.",
	"error.owner-limit-chat":
		"Cette discussion et ses sujets suivent déjà le nombre maximal de directs ({max}). Désabonnez-vous d’abord de l’un d’eux.",
	"error.admins-only": "Seuls les administrateurs peuvent changer les directs suivis ici.",
	"error.manage-channels":
		"Il vous faut l’autorisation « Gérer les salons » pour changer les directs que suit ce salon.",
	"error.admin-check-failed":
		"Je n’ai pas pu vérifier vos droits d’administrateur ici. Réessayez dans un instant.",
	"error.something-wrong": "Un problème est survenu de mon côté. Réessayez.",

	"notice.unreachable":
		"Je n’arrive pas à joindre le direct « {title} ». Je continue d’essayer et publierai les entrées manquées dès son retour.",
	"notice.unreachable-since":
		"Je n’arrive pas à joindre le direct « {title} » depuis {since}. Je continue d’essayer et publierai les entrées manquées dès son retour.",
	"notice.recovered": "Le direct « {title} » est de nouveau accessible.",
	"notice.ended": "Le direct « {title} » est terminé, je ne le suis donc plus ici.",
	"notice.skipped": {
		one: "{count} entrée de plus — voir le direct « {title} » (trop d’entrées d’un coup pour toutes les publier ici).",
		other:
			"{count} entrées de plus — voir le direct « {title} » (trop d’entrées d’un coup pour toutes les publier ici).",
	},

	"entry.read": "Lire l’entrée",
	"entry.updated": "Mis à jour",

	"change.updated-at": "mis à jour à {time}",
	"change.removed": "supprimé par l’éditeur",
	"change.key-event": "⭐ Moment clé",
	"change.recap-heading": "Moments clés",
	"change.recap-more": "…et {count} de plus",
	"change.cannot-pin":
		"Je ne peux pas épingler les moments clés ici : donnez-moi le droit d’épingler des messages pour l’activer.",

	"status.ended": "terminé",
	"status.unreachable": "inaccessible",
	"status.unreachable-since": "inaccessible depuis {since}",

	"gate.slow-down":
		"Cela fait beaucoup de commandes en peu de temps. Attendez une minute, puis réessayez.",
	"gate.not-allowed-chat":
		"Désolé, ce bot ne sert que les discussions autorisées par son administrateur. Vous pouvez lancer votre propre copie : il est open source.",
	"gate.not-allowed-server":
		"Désolé, ce bot ne sert que les serveurs et salons autorisés par son administrateur.",

	"help.title": "Relais de directs",
	"help.intro":
		"Je surveille les directs des sites d’information et publie ici chaque nouvelle entrée dès qu’elle paraît.",
	"help.subscribe": "/subscribe <adresse> — suivre un direct",
	"help.unsubscribe": "/unsubscribe <adresse ou numéro> — ne plus le suivre",
	"help.list": "/list — les directs suivis ici",
	"help.latest":
		"/latest [adresse] [n] — les n dernières entrées ({default} par défaut, {max} au plus)",
	"help.settings":
		"/settings — ce que chaque direct publie ici et quand : événements clés seulement, mots-clés, résumés, heures calmes",
	"help.example": "Exemple :",
	"help.groups":
		"Dans les groupes, seuls les admins peuvent s’abonner ou se désabonner ; les autres obtiennent au plus {max} entrées avec /latest.",
	"menu.start": "Ce que fait ce bot",
	"menu.help": "Comment utiliser ce bot",
	"menu.subscribe": "Suivre un direct : /subscribe <adresse>",
	"menu.unsubscribe": "Ne plus suivre un direct : /unsubscribe <adresse ou numéro>",
	"menu.list": "Directs suivis ici",
	"menu.latest": "Dernières entrées : /latest [adresse] [n]",
	"menu.settings": "Ce que chaque direct publie ici et quand",
	"menu.keywords": "Filtrer par mots : /keywords 1 +cessez-le-feu -football",
	"menu.quiet": "Heures calmes : /quiet 23:00 07:00",
	"menu.timezone": "Fuseau horaire : /timezone Europe/Paris",
	"menu.language": "Langue du bot : /language fr",
	"subscribe.usage": "Envoyez l’adresse du direct après la commande, par exemple :",
	"subscribe.done": "✅ Abonné à {blog}. Les nouvelles entrées seront publiées ici.",
	"subscribe.already": "Cette discussion suit déjà {blog}.",
	"subscribe.ended": "Remarque : ce direct semble terminé.",
	"subscribe.newest": "Dernière entrée :",
	"unsubscribe.done": "Désabonné de {blog}. Plus rien n’en sera publié ici.",
	"unsubscribe.hint": "Envoyez /list pour voir les numéros, puis /unsubscribe <numéro>.",
	"list.empty":
		"Cette discussion ne suit encore aucun direct. Envoyez /subscribe <adresse> pour commencer.",
	"list.head": {
		one: "Cette discussion suit {count} direct :",
		other: "Cette discussion suit {count} directs :",
	},
	"list.which": "Quel direct dois-je arrêter de publier ici ?",
	"list.choose":
		"Envoyez /unsubscribe <numéro> (par ex. /unsubscribe 1) ou /unsubscribe <adresse>.",
	"list.stop-one": "Pour en arrêter un : /unsubscribe <numéro>",
	"latest.usage": "Utilisation : /latest [adresse] [n], par exemple /latest 5",
	"latest.which": "Précisez lequel : /latest <adresse> [n]",
	"latest.none": "Pas encore d’entrée dans {blog}.",
	"latest.newest": {
		one: "La dernière entrée de {blog}",
		other: "Les {count} dernières entrées de {blog}",
	},
	"latest.all": {
		one: "La seule entrée à ce jour de {blog}",
		other: "Les {count} entrées à ce jour de {blog}",
	},
	"latest.at-most": "(J’en montre {max} au plus à la fois.)",
	"latest.members-limit": "(Dans ce groupe, seuls les admins peuvent en demander plus de {max}.)",
	"private.unknown-command":
		"Je ne connais pas cette commande. Envoyez /help pour voir ce que je sais faire.",
	"private.url-hint": "Pour suivre ce direct, envoyez /subscribe suivi de son adresse.",
	"private.help-hint": "Envoyez /help pour voir ce que je sais faire.",

	"discord.dm": "Ces commandes fonctionnent dans les salons d’un serveur, pas en messages privés.",
	"discord.unknown-command": "Je ne connais plus cette commande.",
	"discord.channel-type":
		"Je ne peux publier que dans des salons textuels, des salons d’annonces et des fils.",
	"discord.channel-unresolved":
		"Discord ne m’a pas transmis le salon choisi, je n’ai donc rien suivi. Choisissez à nouveau le salon, ou lancez /follow dans ce salon.",
	"discord.permissions-unknown":
		"Je n’ai pas pu vérifier les autorisations dans {channel}, je n’ai donc rien suivi. Réessayez.",
	"discord.missing-permissions": {
		one: "Je ne peux pas publier dans {channel} : il me faut l’autorisation {permissions} là-bas.",
		other:
			"Je ne peux pas publier dans {channel} : il me faut les autorisations {permissions} là-bas.",
	},
	"discord.follow.here":
		"Ce salon suit désormais {blog}. Les nouvelles entrées seront publiées dès leur parution.",
	"discord.follow.there":
		"{channel} suit désormais {blog}. Les nouvelles entrées seront publiées dès leur parution.",
	"discord.already.here": "Ce salon suit déjà {blog}.",
	"discord.already.there": "{channel} suit déjà {blog}.",
	"discord.newest": "Dernière entrée :",
	"discord.no-entries": "Pas encore d’entrée.",
	"discord.unfollow.done": "Ce salon ne suit plus {blog}.",
	"discord.following.empty":
		"Ce salon ne suit encore aucun direct. Utilisez /follow url: pour en ajouter un.",
	"discord.following.title": {
		one: "Directs suivis par ce salon ({count})",
		other: "Directs suivis par ce salon ({count})",
	},
	"discord.more": "… et {count} de plus",

	"slash.follow": "Publier chaque nouvelle entrée d’un direct dans ce salon",
	"slash.follow.url": "Adresse du direct",
	"slash.follow.channel": "Publier là-bas plutôt qu’ici",
	"slash.follow.thread":
		"Publier ce direct dans son propre fil (dans un forum : sa propre publication)",
	"slash.unfollow": "Ne plus publier un direct dans ce salon",
	"slash.unfollow.url": "Le direct à ne plus suivre",
	"slash.following": "Lister les directs suivis par ce salon",
	"slash.latest": "Afficher les dernières entrées d’un direct suivi",
	"slash.latest.url": "Le direct (facultatif si le salon n’en suit qu’un)",
	"slash.latest.count": "Combien d’entrées ({default} par défaut)",

	// ---- Follower settings (issue 14): their own block in settings-fr.ts ----
	...settingsFr,
};
