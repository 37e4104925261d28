/** Spanish. Same keys and placeholders as en.ts (checked by test/unit/i18n.test.ts); informal "tú", as chat apps do. */
import type { Catalogue } from "./catalogue.js";
import { settingsEs } from "./settings-es.js";

export const es: Catalogue = {
	"error.invalid-url":
		"Eso no parece una dirección web que pueda seguir. Envía la dirección completa, empezando por https://.",
	"error.blocked-url": "No puedo seguir direcciones de redes privadas o locales.",
	"error.unreachable": "No he podido conectar con ese sitio. Revisa la dirección.",
	"error.not-found": "Esa página no existe en el sitio. Revisa la dirección.",
	"error.refused": "Ese sitio no me deja leer la página.",
	"error.site-trouble": "Ese sitio no funciona en este momento. Inténtalo de nuevo más tarde.",
	"error.not-a-page":
		"Esa dirección no es una página web. Envía la dirección de la propia página en directo.",
	"error.timeout": "Ese sitio ha tardado demasiado en responder. Inténtalo de nuevo más tarde.",
	"error.too-many-redirects":
		"Esa dirección redirige sin parar, así que no he podido leer la página. Revisa la dirección.",
	"error.embedded-live-blog":
		"Esa página muestra sus actualizaciones en directo a través de {platform}, que las carga después de abrir la página, así que no puedo leerlas. Si el directo tiene también su propia página, envíame esa dirección.",
	"error.not-a-live-blog":
		"No he encontrado actualizaciones en directo en esa página. ¿Es un directo? Envía la dirección de la propia página en directo.",
	"error.page-too-large": "Esa página es demasiado grande para que la lea.",
	"error.page-too-complex": "Esa página es demasiado compleja para leerla rápido.",
	"error.store":
		"Algo ha fallado por mi parte. No se ha cambiado nada; inténtalo de nuevo más tarde.",
	"error.misconfigured": "El bot está mal configurado; avisa a quien lo administra.",
	"error.no-such-number": "No hay ningún directo con el número {number} en la lista de aquí.",
	"error.not-followed": "Ese directo no se sigue aquí.",
	"error.none-followed": "Aquí aún no se sigue ningún directo.",
	"error.ambiguous": "Aquí se siguen varios directos; di cuál.",
	"error.subscribe-rate-limited":
		"Son muchas solicitudes de suscripción. Espera un minuto y vuelve a intentarlo.",
	"error.chat-limit":
		"Aquí ya se sigue el máximo de directos permitido ({max}). Cancela primero una suscripción.",
	"error.bot-limit":
		"Este bot ya sigue tantos directos como se le permite. Inténtalo de nuevo más tarde.",
	"error.owner-limit-server":
		"Los canales de este servidor ya siguen el máximo de directos permitido ({max}). Deja de seguir uno primero.",
	"error.owner-limit-user":
		"Los chats a los que me añadiste ya siguen el máximo de directos permitido ({max}). Cancela primero una suscripción.",
	"error.owner-limit-chat":
		"Este chat y sus temas ya siguen el máximo de directos permitido ({max}). Cancela primero una suscripción.",
	"error.admins-only": "Solo los administradores pueden cambiar los directos que se siguen aquí.",
	"error.manage-channels":
		"Necesitas el permiso «Gestionar canales» para cambiar los directos que sigue este canal.",
	"error.admin-check-failed":
		"No he podido comprobar tus permisos de administrador en este chat. Inténtalo de nuevo en un momento.",
	"error.something-wrong": "Algo ha fallado por mi parte. Inténtalo de nuevo.",

	"notice.unreachable":
		"No consigo conectar con el directo «{title}». Seguiré intentándolo y publicaré las entradas que falten cuando vuelva.",
	"notice.unreachable-since":
		"No consigo conectar con el directo «{title}» desde {since}. Seguiré intentándolo y publicaré las entradas que falten cuando vuelva.",
	"notice.recovered": "El directo «{title}» vuelve a estar disponible.",
	"notice.ended": "El directo «{title}» ha terminado, así que he dejado de seguirlo aquí.",
	"notice.skipped": {
		one: "{count} entrada más — consulta el directo «{title}» (llegaron demasiadas a la vez para publicarlas todas aquí).",
		other:
			"{count} entradas más — consulta el directo «{title}» (llegaron demasiadas a la vez para publicarlas todas aquí).",
	},

	"entry.read": "Leer la entrada",
	"entry.updated": "Actualizado",

	"change.updated-at": "actualizado a las {time}",
	"change.removed": "eliminado por el editor",
	"change.key-event": "⭐ Momento clave",
	"change.recap-heading": "Momentos clave",
	"change.recap-more": "…y {count} más",
	"change.cannot-pin":
		"No puedo fijar los momentos clave aquí: dame el permiso para fijar mensajes para activarlo.",

	"status.ended": "terminado",
	"status.unreachable": "inaccesible",
	"status.unreachable-since": "inaccesible desde {since}",

	"gate.slow-down": "Son muchos comandos en poco tiempo. Espera un minuto y vuelve a intentarlo.",
	"gate.not-allowed-chat":
		"Lo siento, este bot solo atiende los chats que su administrador ha permitido. Puedes ejecutar tu propia copia: es de código abierto.",
	"gate.not-allowed-server":
		"Lo siento, este bot solo atiende los servidores y canales que su administrador ha permitido.",

	"help.title": "Relevo de directos",
	"help.intro":
		"Sigo los directos de los medios de noticias y publico aquí cada entrada nueva en cuanto aparece.",
	"help.subscribe": "/subscribe <dirección> — seguir un directo",
	"help.unsubscribe": "/unsubscribe <dirección o número> — dejar de seguir uno",
	"help.list": "/list — los directos que se siguen aquí",
	"help.latest":
		"/latest [dirección] [n] — las n entradas más recientes (por defecto {default}, como mucho {max})",
	"help.settings":
		"/settings — qué publica aquí cada directo y cuándo: solo eventos clave, palabras clave, resúmenes, horas de silencio",
	"help.example": "Ejemplo:",
	"help.groups":
		"En los grupos, solo los administradores pueden suscribirse o cancelar; los demás reciben como mucho {max} entradas con /latest.",
	"menu.start": "Qué hace este bot",
	"menu.help": "Cómo usar este bot",
	"menu.subscribe": "Seguir un directo: /subscribe <dirección>",
	"menu.unsubscribe": "Dejar de seguir un directo: /unsubscribe <dirección o número>",
	"menu.list": "Directos que se siguen aquí",
	"menu.latest": "Entradas más recientes: /latest [dirección] [n]",
	"menu.settings": "Qué publica aquí cada directo y cuándo",
	"menu.keywords": "Filtrar por palabras: /keywords 1 +alto-el-fuego -fútbol",
	"menu.quiet": "Horas de silencio: /quiet 23:00 07:00",
	"menu.timezone": "Zona horaria: /timezone Europe/Madrid",
	"menu.language": "Idioma del bot: /language es",
	"subscribe.usage": "Envía la dirección del directo después del comando, por ejemplo:",
	"subscribe.done": "✅ Suscrito a {blog}. Las entradas nuevas se publicarán aquí.",
	"subscribe.already": "Este chat ya sigue {blog}.",
	"subscribe.ended": "Nota: parece que este directo ha terminado.",
	"subscribe.newest": "Última entrada:",
	"unsubscribe.done": "Suscripción a {blog} cancelada. Ya no se publicará nada de él aquí.",
	"unsubscribe.hint": "Envía /list para ver los números y luego /unsubscribe <número>.",
	"list.empty": "Este chat aún no sigue ningún directo. Envía /subscribe <dirección> para empezar.",
	"list.head": {
		one: "Este chat sigue {count} directo:",
		other: "Este chat sigue {count} directos:",
	},
	"list.which": "¿Qué directo dejo de publicar aquí?",
	"list.choose": "Envía /unsubscribe <número> (p. ej. /unsubscribe 1) o /unsubscribe <dirección>.",
	"list.stop-one": "Para dejar uno: /unsubscribe <número>",
	"latest.usage": "Uso: /latest [dirección] [n], por ejemplo /latest 5",
	"latest.which": "Di cuál: /latest <dirección> [n]",
	"latest.none": "Aún no hay entradas en {blog}.",
	"latest.newest": {
		one: "La entrada más reciente de {blog}",
		other: "Las {count} entradas más recientes de {blog}",
	},
	"latest.all": {
		one: "La única entrada hasta ahora de {blog}",
		other: "Las {count} entradas hasta ahora de {blog}",
	},
	"latest.at-most": "(Muestro como mucho {max} a la vez.)",
	"latest.members-limit": "(En este grupo, solo los administradores pueden pedir más de {max}.)",
	"private.unknown-command": "No conozco ese comando. Envía /help para ver lo que sé hacer.",
	"private.url-hint": "Para seguir ese directo, envía /subscribe seguido de su dirección.",
	"private.help-hint": "Envía /help para ver lo que sé hacer.",

	"discord.dm": "Estos comandos funcionan en los canales de un servidor, no en mensajes directos.",
	"discord.unknown-command": "Ya no conozco ese comando.",
	"discord.channel-type": "Solo puedo publicar en canales de texto, canales de anuncios e hilos.",
	"discord.channel-unresolved":
		"Discord no me ha indicado el canal que elegiste, así que no he seguido nada. Elige el canal de nuevo o usa /follow en ese canal.",
	"discord.permissions-unknown":
		"No he podido comprobar los permisos en {channel}, así que no he seguido nada. Inténtalo de nuevo.",
	"discord.missing-permissions": {
		one: "No puedo publicar en {channel}: necesito allí el permiso {permissions}.",
		other: "No puedo publicar en {channel}: necesito allí los permisos {permissions}.",
	},
	"discord.follow.here":
		"Este canal sigue ahora {blog}. Las entradas nuevas se publicarán en cuanto aparezcan.",
	"discord.follow.there":
		"{channel} sigue ahora {blog}. Las entradas nuevas se publicarán en cuanto aparezcan.",
	"discord.already.here": "Este canal ya sigue {blog}.",
	"discord.already.there": "{channel} ya sigue {blog}.",
	"discord.newest": "Última entrada:",
	"discord.no-entries": "Aún no hay entradas.",
	"discord.unfollow.done": "Este canal ya no sigue {blog}.",
	"discord.following.empty":
		"Este canal aún no sigue ningún directo. Usa /follow url: para añadir uno.",
	"discord.following.title": {
		one: "Directos que sigue este canal ({count})",
		other: "Directos que sigue este canal ({count})",
	},
	"discord.more": "… y {count} más",

	"slash.follow": "Publicar cada entrada nueva de un directo en este canal",
	"slash.follow.url": "Dirección del directo",
	"slash.follow.channel": "Publicar allí en lugar de aquí",
	"slash.follow.thread":
		"Publicar este directo en su propio hilo (en un foro: su propia publicación)",
	"slash.unfollow": "Dejar de publicar un directo en este canal",
	"slash.unfollow.url": "El directo que dejar de seguir",
	"slash.following": "Ver los directos que sigue este canal",
	"slash.latest": "Mostrar las entradas más recientes de un directo seguido",
	"slash.latest.url": "El directo (opcional si el canal sigue solo uno)",
	"slash.latest.count": "Cuántas entradas (por defecto {default})",

	// ---- Follower settings (issue 14): their own block in settings-es.ts ----
	...settingsEs,
};
