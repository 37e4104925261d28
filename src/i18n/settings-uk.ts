/** Ukrainian words of the follower settings; same keys and placeholders as settings-en.ts. */
import type { Message } from "./catalogue.js";
import type { settingsEn } from "./settings-en.js";

export const settingsUk: { readonly [K in keyof typeof settingsEn]: Message } = {
	"settings.usage":
		"Як: /settings [номер|default] <налаштування> <значення>, напр. /settings 2 mode digest 60. Налаштування: mode, keywords, keyevents, quiet, breakthrough, edits, retractions, pin, reset.",
	"settings.mode-usage": "Режим — один із: all, key, digest 15, digest 30, digest 60, digest 120.",
	"settings.keywords-usage":
		'Як: /keywords [номер|default] +слово -слово +"фраза", або clear. Збігаються цілі слова, будь-яким регістром, з наголосами чи без.',
	"settings.keyword-too-long": "Ключове слово чи фраза — щонайбільше {max} символів.",
	"settings.too-many-keywords":
		"Щонайбільше {max} ключових слів для включення і {max} для виключення.",
	"settings.quiet-usage":
		"Як: /quiet [номер|default] 23:00 07:00 (початок і кінець, у часовому поясі чату), або /quiet off.",
	"settings.quiet-same": "Тихі години мають починатися й закінчуватися в різний час.",
	"settings.retractions-usage": "Для відкликаних дописів: strike, delete або off.",
	"settings.timezone-usage":
		"Як: /timezone Europe/Kyiv (назва часового поясу IANA), або /timezone reset для UTC.",
	"settings.language-usage": "Як: /language en|de|fr|es|uk, або /language reset.",
	"settings.too-long": "Це задовго для команди налаштувань.",
	"settings.unclosed-quote": 'Лапки не закрито: беріть фрази в "подвійні лапки".',
	"settings.admins-only":
		"Змінювати налаштування тут можуть лише адміністратори; переглядати — будь-хто.",
	"settings.no-blogs":
		"Цей чат ще не стежить за жодною онлайн-трансляцією, тож налаштовувати для трансляції нічого. Типові налаштування (/settings default …) діятимуть для трансляцій, за якими він стежитиме згодом.",
	"settings.on-off-usage": "Як: {name} on або {name} off.",
	"settings.unknown-setting":
		"Я не знаю налаштування «{name}». Налаштування: mode, keywords, keyevents, quiet, breakthrough, edits, retractions, pin, reset.",
	"settings.bad-number": "Тут немає блогу з номером {number}; /settings показує їх список.",
	"settings.keyword-empty": "У «{word}» немає літер чи цифр для пошуку.",
	"settings.unknown-timezone":
		"Я не знаю часового поясу «{zone}». Вкажіть назву IANA, як-от Europe/Kyiv, America/New_York чи UTC.",
	"settings.unknown-language": "Мовою «{code}» я ще не розмовляю. Оберіть en, de, fr, es або uk.",
	"settings.not-followed-here": "Цей канал не стежить за тим блогом; оберіть один зі списку.",
	"settings.keywords-missing": "Вкажіть слова для включення чи виключення, або clear:true.",
	"settings.unknown-part": "Я не знаю цієї частини /settings.",
	"settings.nothing-chosen": "Оберіть хоча б один параметр для зміни.",
	"settings.unavailable": "Налаштування в цьому боті недоступні.",
	"settings.cannot-check-admin-tap":
		"Не вдалося перевірити ваші права адміністратора; спробуйте ще раз.",
	"settings.admins-only-tap": "Змінювати налаштування тут можуть лише адміністратори.",

	"settings.timezone-set": "Час тут тепер показується в поясі {zone}.",
	"settings.timezone-utc": "Час тут тепер показується в UTC.",
	"settings.language-set": "Бот тепер розмовляє тут мовою: {language}.",
	"settings.language-default": "Бот знову розмовляє тут типовою мовою.",
	"settings.chat-line": "Часовий пояс: {zone} · мова: {language}",
	"settings.default-language": "типова",
	"settings.defaults-header":
		"Типові налаштування цього чату (блоги без власного вибору дотримуються їх):",
	"settings.changed-defaults": "Збережено як типове для цього чату:",
	"settings.changed-blog": "Збережено для «{title}»:",
	"settings.reset-defaults": "Типові налаштування цього чату знову вбудовані.",
	"settings.reset-blog": "«{title}» знову дотримується типових налаштувань цього чату.",
	"settings.on": "увімк.",
	"settings.off": "вимк.",
	"settings.none": "немає",
	"settings.mode.all": "кожен допис",
	"settings.mode.key": "лише ключові події",
	"settings.mode.digest": "дайджест кожні {minutes} хв",
	"settings.keywords": "ключові слова {words}",
	"settings.keywords-pass": "ключові слова {words} (ключові події проходять завжди)",
	"settings.quiet": "тиша {from}–{to}",
	"settings.quiet-break": "тиша {from}–{to} (ключові події її порушують)",
	"settings.retraction.strike": "закреслити",
	"settings.retraction.delete": "видалити",
	"settings.retraction.off": "нічого",
	"settings.changes": "редагування: {edits}, відкликані: {retractions}, закріплення: {pin}",
	"settings.patch.mode": "режим: {mode}",
	"settings.patch.no-keywords": "без ключових слів",
	"settings.patch.keyevents-pass": "ключові події проходять завжди",
	"settings.patch.keyevents-filtered": "ключові події фільтруються, як інші дописи",
	"settings.patch.quiet": "тихі години {from}–{to}",
	"settings.patch.no-quiet": "без тихих годин",
	"settings.patch.break": "ключові події порушують тихі години",
	"settings.patch.wait": "ключові події чекають кінця тихих годин",
	"settings.patch.edits": "редагування: {state}",
	"settings.patch.retractions": "відкликані: {retractions}",
	"settings.patch.pin": "закріплювати ключові події: {state}",

	"keyboard.title": "Налаштування",
	"keyboard.pick": "оберіть блог або типові налаштування цього чату.",
	"keyboard.empty":
		"цей чат ще не стежить за жодним блогом; типові налаштування діятимуть для блогів, доданих згодом.",
	"keyboard.defaults": "Типові для цього чату",
	"keyboard.every": "Кожен допис",
	"keyboard.key": "Ключові події",
	"keyboard.digest": "Дайджест {minutes}′",
	"keyboard.edits": "Редагування: {state}",
	"keyboard.pin": "Закріплювати ключові: {state}",
	"keyboard.retracted": "Відкликані: {how}",
	"keyboard.keyevents-pass": "Ключові оминають фільтр: {state}",
	"keyboard.break": "Ключові порушують тишу: {state}",
	"keyboard.quiet-off": "Тиша {from}–{to}: вимкнути",
	"keyboard.set-keywords": "Ключові слова…",
	"keyboard.set-quiet": "Тихі години…",
	"keyboard.timezone": "Пояс: {zone}",
	"keyboard.reset": "Скинути",
	"keyboard.back": "« Назад",
	"keyboard.summary": "Ключові слова: {keywords} · тихі години: {quiet}",
	"keyboard.timezone-title":
		"Часовий пояс цього чату: {zone}. Оберіть один або напишіть /timezone і назву, напр. /timezone Europe/Paris.",
	"keyboard.ask-keywords":
		'Дайте відповідь на це повідомлення ключовими словами для {scope}: +слово — обовʼязкове, -слово — виключити, "фраза" в лапках, або clear. Чекаю {minutes} хвилин.',
	"keyboard.ask-quiet":
		"Дайте відповідь на це повідомлення початком і кінцем тихих годин для {scope}, напр. 23:00 07:00, або off. Чекаю {minutes} хвилин.",
	"keyboard.ask-placeholder": "+перемирʼя -футбол",

	"placement.not-a-forum":
		"У цьому чаті немає тем, тож дописи публікуватимуться тут. (Увімкніть теми в налаштуваннях групи, щоб дати кожному блогу власну.)",
	"placement.no-topic-right":
		"Я не можу створювати теми тут (потрібне право керувати темами), тож дописи публікуватимуться в цій темі.",
	"placement.in-topic": "Дописи публікуватимуться в темі «{name}».",
	"placement.topic-closed":
		"Я не можу публікувати нові дописи {blog} у його темі: тему закрито. Відкрийте її знову протягом доби, щоб отримати їх там, або надішліть /unsubscribe у тій темі.",
	"placement.topic-deleted":
		"Тему {blog} видалено, тож я призупинив публікацію. Надішліть /subscribe {url} topic, щоб дати йому нову тему.",
	"placement.thread-channel-types":
		"Гілки можна створювати лише в текстових каналах, каналах оголошень і форумах.",
	"placement.thread-missing-rights":
		"Я не можу створити гілку в {channel}: мені там потрібен дозвіл {permissions}.",
	"placement.thread-starter": "Нові дописи цієї онлайн-трансляції публікуються тут.",
	"placement.thread-follows":
		"{thread} тепер стежить за {blog}. Нові дописи публікуватимуться там.",
	"placement.thread-recreated":
		"Гілку цієї онлайн-трансляції видалено, тож я створив цю нову; нові дописи публікуються тут.",

	"digest.heading": "Дайджест",
	"digest.quiet-heading": "Поки було тихо",
	"digest.dropped": {
		one: "… і ще {count} допис: дивіться онлайн-трансляцію.",
		few: "… і ще {count} дописи: дивіться онлайн-трансляцію.",
		many: "… і ще {count} дописів: дивіться онлайн-трансляцію.",
		other: "… і ще {count} допису: дивіться онлайн-трансляцію.",
	},

	"slash.settings": "Що і коли кожен відстежуваний блог публікує в цьому каналі",
	"slash.settings.url": "Блог (пропустіть для типових налаштувань каналу)",
	"slash.settings.view": "Показати налаштування",
	"slash.settings.mode": "Кожен допис, лише ключові події чи дайджест",
	"slash.settings.mode.mode": "Що публікувати",
	"slash.settings.mode.all": "кожен допис",
	"slash.settings.mode.key": "лише ключові події",
	"slash.settings.mode.digest15": "дайджест кожні 15 хвилин",
	"slash.settings.mode.digest30": "дайджест кожні 30 хвилин",
	"slash.settings.mode.digest60": "дайджест щогодини",
	"slash.settings.mode.digest120": "дайджест кожні 2 години",
	"slash.settings.keywords": "Лише дописи з цими словами (або без них)",
	"slash.settings.keywords.include": 'Слова чи "фрази в лапках", які допис має містити',
	"slash.settings.keywords.exclude": 'Слова чи "фрази в лапках", що виключають допис',
	"slash.settings.keywords.clear": "Спершу очистити обидва списки",
	"slash.settings.quiet": "Затримувати дописи в тихі години, потім надіслати один дайджест",
	"slash.settings.quiet.from": "Початок, напр. 23:00",
	"slash.settings.quiet.to": "Кінець, напр. 07:00",
	"slash.settings.quiet.off": "Без тихих годин",
	"slash.settings.keyevents": "Як обробляти ключові події",
	"slash.settings.keyevents.pass": "Ключові події оминають списки ключових слів",
	"slash.settings.keyevents.breakthrough": "Ключові події порушують тихі години",
	"slash.settings.changes": "Редагування, відкликання й закріплення",
	"slash.settings.changes.edits": "Редагувати повідомлення, коли дописи змінюються",
	"slash.settings.changes.retractions": "Повідомлення відкликаного допису…",
	"slash.settings.changes.strike": "закреслюється",
	"slash.settings.changes.delete": "видаляється",
	"slash.settings.changes.off": "лишається як є",
	"slash.settings.changes.pin": "Закріплювати ключові події",
	"slash.settings.on": "увімк.",
	"slash.settings.off": "вимк.",
	"slash.settings.reset": "Повернути типові налаштування",
	"slash.settings.timezone": "Часовий пояс часу, який бот показує тут",
	"slash.settings.timezone.zone": "Назва IANA, напр. Europe/Kyiv, або reset",
	"slash.settings.language": "Мова власних повідомлень бота тут",
	"slash.settings.language.language": "Типово: ваша мова в Discord",
	"slash.settings.language.default": "типова",
};
