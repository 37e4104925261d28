/** Spanish words of the follower settings; same keys and placeholders as settings-en.ts ("tú"). */
import type { Message } from "./catalogue.js";
import type { settingsEn } from "./settings-en.js";

export const settingsEs: { readonly [K in keyof typeof settingsEn]: Message } = {
	"settings.usage":
		"Uso: /settings [número|default] <ajuste> <valor>, p. ej. /settings 2 mode digest 60. Ajustes: mode, keywords, keyevents, quiet, breakthrough, edits, retractions, pin, reset.",
	"settings.mode-usage":
		"El modo es uno de: all, key, digest 15, digest 30, digest 60, digest 120.",
	"settings.keywords-usage":
		'Uso: /keywords [número|default] +palabra -palabra +"una frase", o clear. Cuentan palabras enteras, en mayúsculas o minúsculas, con o sin tildes.',
	"settings.keyword-too-long": "Una palabra clave o frase puede tener como mucho {max} caracteres.",
	"settings.too-many-keywords":
		"Como mucho {max} palabras clave para incluir y {max} para excluir.",
	"settings.quiet-usage":
		"Uso: /quiet [número|default] 23:00 07:00 (inicio y fin, en la zona horaria del chat), o /quiet off.",
	"settings.quiet-same": "Las horas de silencio deben empezar y terminar a horas distintas.",
	"settings.retractions-usage": "Para las retiradas: strike, delete u off.",
	"settings.timezone-usage":
		"Uso: /timezone Europe/Madrid (un nombre de zona IANA), o /timezone reset para UTC.",
	"settings.language-usage": "Uso: /language en|de|fr|es|uk, o /language reset.",
	"settings.too-long": "Eso es demasiado largo para un comando de ajustes.",
	"settings.unclosed-quote": 'Una comilla no está cerrada: pon las frases entre "comillas dobles".',
	"settings.admins-only":
		"Solo los administradores pueden cambiar los ajustes aquí; cualquiera puede verlos.",
	"settings.no-blogs":
		"Este chat todavía no sigue ningún directo, así que no hay nada que ajustar para un directo. Los ajustes predeterminados (/settings default …) se aplican a los directos que siga más adelante.",
	"settings.on-off-usage": "Uso: {name} on o {name} off.",
	"settings.unknown-setting":
		"No conozco el ajuste «{name}». Ajustes: mode, keywords, keyevents, quiet, breakthrough, edits, retractions, pin, reset.",
	"settings.bad-number": "Aquí no hay ningún directo número {number}; /settings los lista.",
	"settings.keyword-empty": "«{word}» no tiene letras ni cifras que buscar.",
	"settings.unknown-timezone":
		"No conozco la zona horaria «{zone}». Usa un nombre IANA como Europe/Madrid, America/New_York o UTC.",
	"settings.unknown-language": "Todavía no hablo «{code}». Elige en, de, fr, es o uk.",
	"settings.not-followed-here": "Este canal no sigue ese directo; elige uno de la lista.",
	"settings.keywords-missing": "Indica palabras para incluir o excluir, o clear:true.",
	"settings.unknown-part": "No conozco esa parte de /settings.",
	"settings.nothing-chosen": "Elige al menos una opción para cambiar.",
	"settings.unavailable": "Los ajustes no están disponibles en este bot.",
	"settings.cannot-check-admin-tap":
		"No he podido comprobar tus permisos de administrador; inténtalo de nuevo.",
	"settings.admins-only-tap": "Solo los administradores pueden cambiar los ajustes aquí.",

	"settings.timezone-set": "Las horas se muestran ahora aquí en {zone}.",
	"settings.timezone-utc": "Las horas se muestran ahora aquí en UTC.",
	"settings.language-set": "El bot habla ahora {language} aquí.",
	"settings.language-default": "El bot vuelve a hablar aquí el idioma predeterminado.",
	"settings.chat-line": "Zona horaria: {zone} · idioma: {language}",
	"settings.default-language": "predeterminado",
	"settings.defaults-header":
		"Ajustes predeterminados de este chat (los directos sin elección propia los siguen):",
	"settings.changed-defaults": "Guardado como predeterminado de este chat:",
	"settings.changed-blog": "Guardado para «{title}»:",
	"settings.reset-defaults":
		"Los ajustes predeterminados de este chat vuelven a ser los de fábrica.",
	"settings.reset-blog": "«{title}» vuelve a seguir los ajustes predeterminados de este chat.",
	"settings.on": "sí",
	"settings.off": "no",
	"settings.none": "ninguna",
	"settings.mode.all": "cada entrada",
	"settings.mode.key": "solo momentos clave",
	"settings.mode.digest": "resumen cada {minutes} min",
	"settings.keywords": "palabras clave {words}",
	"settings.keywords-pass": "palabras clave {words} (los momentos clave siempre pasan)",
	"settings.quiet": "silencio {from}–{to}",
	"settings.quiet-break": "silencio {from}–{to} (los momentos clave lo rompen)",
	"settings.retraction.strike": "tachar",
	"settings.retraction.delete": "borrar",
	"settings.retraction.off": "nada",
	"settings.changes": "ediciones: {edits}, retiradas: {retractions}, fijar: {pin}",
	"settings.patch.mode": "modo: {mode}",
	"settings.patch.no-keywords": "sin palabras clave",
	"settings.patch.keyevents-pass": "los momentos clave siempre pasan",
	"settings.patch.keyevents-filtered": "los momentos clave se filtran como las demás entradas",
	"settings.patch.quiet": "horas de silencio {from}–{to}",
	"settings.patch.no-quiet": "sin horas de silencio",
	"settings.patch.break": "los momentos clave rompen las horas de silencio",
	"settings.patch.wait": "los momentos clave esperan al fin de las horas de silencio",
	"settings.patch.edits": "ediciones: {state}",
	"settings.patch.retractions": "retiradas: {retractions}",
	"settings.patch.pin": "fijar momentos clave: {state}",

	"keyboard.title": "Ajustes",
	"keyboard.pick": "elige un directo, o los ajustes predeterminados de este chat.",
	"keyboard.empty":
		"este chat todavía no sigue ningún directo; los predeterminados se aplican a los que siga más adelante.",
	"keyboard.defaults": "Predeterminado del chat",
	"keyboard.every": "Cada entrada",
	"keyboard.key": "Momentos clave",
	"keyboard.digest": "Resumen {minutes}′",
	"keyboard.edits": "Ediciones: {state}",
	"keyboard.pin": "Fijar clave: {state}",
	"keyboard.retracted": "Retirada: {how}",
	"keyboard.keyevents-pass": "Clave pasa palabras: {state}",
	"keyboard.break": "Clave rompe silencio: {state}",
	"keyboard.quiet-off": "Silencio {from}–{to}: quitar",
	"keyboard.set-keywords": "Palabras clave…",
	"keyboard.set-quiet": "Horas de silencio…",
	"keyboard.timezone": "Zona: {zone}",
	"keyboard.reset": "Restablecer",
	"keyboard.back": "« Volver",
	"keyboard.summary": "Palabras clave: {keywords} · silencio: {quiet}",
	"keyboard.timezone-title":
		"Zona horaria de este chat: {zone}. Elige una, o escribe /timezone seguido de un nombre, p. ej. /timezone Europe/Paris.",
	"keyboard.ask-keywords":
		'Responde a este mensaje con las palabras clave para {scope}: +palabra para exigirla, -palabra para excluirla, "una frase" entre comillas, o clear. Espero {minutes} minutos.',
	"keyboard.ask-quiet":
		"Responde a este mensaje con el inicio y el fin de las horas de silencio para {scope}, p. ej. 23:00 07:00, u off. Espero {minutes} minutos.",
	"keyboard.ask-placeholder": "+alto el fuego -fútbol",

	"placement.not-a-forum":
		"Este chat no tiene temas, así que las entradas se publicarán aquí. (Activa los temas en los ajustes del grupo para dar a cada directo el suyo.)",
	"placement.no-topic-right":
		"No puedo crear temas aquí (necesito el permiso de gestionar temas), así que las entradas se publicarán en este tema.",
	"placement.in-topic": "Las entradas se publicarán en el tema «{name}».",
	"placement.topic-closed":
		"No puedo publicar las nuevas entradas de {blog} en su tema: el tema está cerrado. Vuelve a abrirlo antes de un día para recibirlas allí, o envía /unsubscribe en ese tema.",
	"placement.topic-deleted":
		"El tema de {blog} se ha borrado, así que he pausado su publicación. Envía /subscribe {url} topic para darle un tema nuevo.",
	"placement.thread-channel-types":
		"Los hilos solo se pueden crear en canales de texto, de anuncios y foros.",
	"placement.thread-missing-rights":
		"No puedo crear un hilo en {channel}: necesito allí el permiso {permissions}.",
	"placement.thread-starter": "Las nuevas entradas de este directo se publican aquí.",
	"placement.thread-follows":
		"{thread} sigue ahora {blog}. Las nuevas entradas se publicarán allí.",
	"placement.thread-recreated":
		"El hilo de este directo se borró, así que he creado este nuevo; las nuevas entradas se publican aquí.",

	"digest.heading": "Resumen",
	"digest.quiet-heading": "Durante el silencio",
	"digest.dropped": {
		one: "… y {count} entrada más: mira el directo.",
		other: "… y {count} entradas más: mira el directo.",
	},

	"slash.settings": "Qué y cuándo publica en este canal cada directo seguido",
	"slash.settings.url": "El directo (omítelo para los ajustes predeterminados del canal)",
	"slash.settings.view": "Mostrar los ajustes",
	"slash.settings.mode": "Cada entrada, solo momentos clave o un resumen",
	"slash.settings.mode.mode": "Qué publicar",
	"slash.settings.mode.all": "cada entrada",
	"slash.settings.mode.key": "solo momentos clave",
	"slash.settings.mode.digest15": "resumen cada 15 minutos",
	"slash.settings.mode.digest30": "resumen cada 30 minutos",
	"slash.settings.mode.digest60": "resumen cada hora",
	"slash.settings.mode.digest120": "resumen cada 2 horas",
	"slash.settings.keywords": "Solo entradas con (o sin) estas palabras",
	"slash.settings.keywords.include":
		'Palabras o "frases entre comillas" que una entrada debe contener',
	"slash.settings.keywords.exclude": 'Palabras o "frases entre comillas" que descartan una entrada',
	"slash.settings.keywords.clear": "Vaciar primero ambas listas",
	"slash.settings.quiet": "Retener entradas en horas de silencio y luego enviar un resumen",
	"slash.settings.quiet.from": "Inicio, p. ej. 23:00",
	"slash.settings.quiet.to": "Fin, p. ej. 07:00",
	"slash.settings.quiet.off": "Sin horas de silencio",
	"slash.settings.keyevents": "Cómo se tratan los momentos clave",
	"slash.settings.keyevents.pass": "Los momentos clave pasan las listas de palabras clave",
	"slash.settings.keyevents.breakthrough": "Los momentos clave rompen las horas de silencio",
	"slash.settings.changes": "Ediciones, retiradas y fijados",
	"slash.settings.changes.edits": "Editar las publicaciones cuando cambian las entradas",
	"slash.settings.changes.retractions": "La publicación de una entrada retirada se…",
	"slash.settings.changes.strike": "tacha",
	"slash.settings.changes.delete": "borra",
	"slash.settings.changes.off": "deja como está",
	"slash.settings.changes.pin": "Fijar los momentos clave",
	"slash.settings.on": "sí",
	"slash.settings.off": "no",
	"slash.settings.reset": "Volver a los ajustes predeterminados",
	"slash.settings.timezone": "Zona horaria de las horas que muestra aquí el bot",
	"slash.settings.timezone.zone": "Nombre IANA, p. ej. Europe/Madrid, o reset",
	"slash.settings.language": "Idioma de los propios mensajes del bot aquí",
	"slash.settings.language.language": "Predeterminado: tu idioma de Discord",
	"slash.settings.language.default": "predeterminado",
};
