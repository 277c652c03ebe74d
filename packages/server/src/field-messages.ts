import type { Locale } from './http/input.js';

type Phrasing = Record<Exclude<Locale, 'en'>, string>;

/**
 * The business-rule details handlers write at a field (`errors[].detail`), in Arabic and French.
 * Handlers keep writing English, as they always have; the error handler phrases the details in
 * the reader's language from this one catalogue. A key is the English detail exactly, or a
 * template whose `{name}` placeholders stand for the values a handler puts in (a code, a
 * currency, a date), carried over unchanged. Field and value names (`startsOn`, `link_out`) stay
 * as the API spells them, as they do in the validation messages.
 */
export const fieldMessages: Record<string, Phrasing> = {
  // dates and times
  'endsOn must not be before startsOn': {
    ar: 'يجب ألا يكون endsOn قبل startsOn',
    fr: 'endsOn ne doit pas précéder startsOn',
  },
  'must not be before startsOn': { ar: 'يجب ألا يكون قبل startsOn', fr: 'ne doit pas précéder startsOn' },
  'must be after startsAt': { ar: 'يجب أن يكون بعد startsAt', fr: 'doit être postérieur à startsAt' },
  'must not be after startsAt': { ar: 'يجب ألا يكون بعد startsAt', fr: 'ne doit pas être postérieur à startsAt' },
  'must be after from': { ar: 'يجب أن يكون بعد from', fr: 'doit être postérieur à from' },
  'must be at most 400 days after from': {
    ar: 'يجب ألا يتجاوز from بأكثر من 400 يوم',
    fr: 'doit se situer au plus 400 jours après from',
  },
  'must be in the future': { ar: 'يجب أن يكون في المستقبل', fr: 'doit être dans le futur' },
  'must be today or later': { ar: 'يجب أن يكون اليوم أو بعده', fr: 'doit être aujourd’hui ou plus tard' },
  'is not a date-time': { ar: 'ليس تاريخًا ووقتًا صالحَين', fr: 'n’est pas une date et heure valide' },
  'is not an IANA time zone': { ar: 'ليس منطقة زمنية من قائمة IANA', fr: 'n’est pas un fuseau horaire IANA' },
  'has expired': { ar: 'انتهت صلاحيته', fr: 'a expiré' },
  'is not within {quarter} ({first} to {last})': {
    ar: 'ليس ضمن {quarter} (من {first} إلى {last})',
    fr: 'n’est pas compris dans {quarter} (du {first} au {last})',
  },

  // events
  'is required for in_person and hybrid events': {
    ar: 'مطلوب للفعاليات الحضورية والهجينة',
    fr: 'est obligatoire pour les événements en présentiel ou hybrides',
  },
  'is required for online and hybrid events': {
    ar: 'مطلوب للفعاليات عبر الإنترنت والهجينة',
    fr: 'est obligatoire pour les événements en ligne ou hybrides',
  },
  'must be absent for online events': {
    ar: 'يجب تركه فارغًا للفعاليات عبر الإنترنت',
    fr: 'doit rester vide pour les événements en ligne',
  },
  'must be at least {count}': { ar: 'يجب ألا يقل عن {count}', fr: 'doit valoir au moins {count}' },
  'is not a check-in code': { ar: 'ليس رمز تسجيل حضور', fr: 'n’est pas un code d’enregistrement' },

  // campaigns and donations
  'is required when checkoutMode is link_out': {
    ar: 'مطلوب عندما تكون قيمة checkoutMode هي link_out',
    fr: 'est obligatoire lorsque checkoutMode vaut link_out',
  },
  'is only for link_out campaigns': { ar: 'مخصص لحملات link_out فقط', fr: 'est réservé aux campagnes link_out' },
  'is not an ISO 4217 currency': { ar: 'ليس عملة وفق معيار ISO 4217', fr: 'n’est pas une devise ISO 4217' },
  "must be {currency}, the campaign's currency": {
    ar: 'يجب أن يكون {currency}، وهي عملة الحملة',
    fr: 'doit être {currency}, la devise de la campagne',
  },
  'this campaign accepts one-off donations only': {
    ar: 'لا تقبل هذه الحملة إلا التبرعات لمرة واحدة',
    fr: 'cette campagne n’accepte que les dons ponctuels',
  },
  'is required unless the donation is anonymous': {
    ar: 'مطلوب ما لم يكن التبرع دون ذكر الاسم',
    fr: 'est obligatoire, sauf pour un don anonyme',
  },

  // professionals, specialties, ministries, chapters
  '{code} is not a specialty code': { ar: '{code} ليس رمز تخصص', fr: '{code} n’est pas un code de spécialité' },
  'is not a known specialty': { ar: 'ليس تخصصًا معروفًا', fr: 'n’est pas une spécialité connue' },
  'is not a sub-specialty of {specialty}': {
    ar: 'ليس تخصصًا فرعيًا من {specialty}',
    fr: 'n’est pas une sous-spécialité de {specialty}',
  },
  '{area} is not a priority area': { ar: '{area} ليس مجال أولوية', fr: '{area} n’est pas un domaine prioritaire' },
  'is not a known priority area': { ar: 'ليس مجال أولوية معروفًا', fr: 'n’est pas un domaine prioritaire connu' },
  'is not a priority area (see listPriorityAreas)': {
    ar: 'ليس مجال أولوية (راجع listPriorityAreas)',
    fr: 'n’est pas un domaine prioritaire (voir listPriorityAreas)',
  },
  '{slug} is not a chapter': { ar: '{slug} ليس فرعًا', fr: '{slug} n’est pas une section' },
  '{slug} is not a ministry': { ar: '{slug} ليست وزارة', fr: '{slug} n’est pas un ministère' },
  'is not a known professional': { ar: 'ليس مهنيًا معروفًا', fr: 'n’est pas un professionnel connu' },
  'is not among the professionals who consented to share with this ministry': {
    ar: 'ليس من المهنيين الذين وافقوا على مشاركة بياناتهم مع هذه الوزارة',
    fr: 'ne fait pas partie des professionnels qui ont accepté de partager leurs informations avec ce ministère',
  },
  'is required for remote work': { ar: 'مطلوب للعمل عن بُعد', fr: 'est obligatoire pour le travail à distance' },
  'is only accepted with decision "verify"': {
    ar: 'لا يُقبل إلا مع القرار "verify"',
    fr: 'n’est accepté qu’avec la décision "verify"',
  },
  'is not a valid invitation for this need': {
    ar: 'ليس دعوة صالحة لهذه الحاجة',
    fr: 'n’est pas une invitation valide pour ce besoin',
  },

  // sign-in, origins, names, searches
  'is not a valid sign-in code': { ar: 'ليس رمز دخول صالحًا', fr: 'n’est pas un code de connexion valide' },
  'is not on a console origin of this server': {
    ar: 'لا يقع على أحد أصول لوحة الإدارة في هذا الخادم',
    fr: 'n’est pas sur une origine de la console de ce serveur',
  },
  'is not on an allowed origin of this organisation': {
    ar: 'لا يقع على أحد الأصول المسموح بها لهذه المنظمة',
    fr: 'n’est pas sur une origine autorisée de cette organisation',
  },
  'is not a web origin like https://example.org': {
    ar: 'ليس أصل ويب مثل https://example.org',
    fr: 'n’est pas une origine web comme https://example.org',
  },
  'is taken': { ar: 'محجوز مسبقًا', fr: 'est déjà pris' },
  'is already used': { ar: 'مستخدم مسبقًا', fr: 'est déjà utilisé' },
  'must not be blank': { ar: 'يجب ألا يكون فارغًا', fr: 'ne doit pas être vide' },
  'is not a cursor of this search': { ar: 'ليس مؤشرًا لهذا البحث', fr: 'n’est pas un curseur de cette recherche' },
  'is not a cursor this server issued': {
    ar: 'ليس مؤشرًا أصدره هذا الخادم',
    fr: 'n’est pas un curseur émis par ce serveur',
  },
};

interface Pattern {
  match: RegExp;
  names: string[];
  phrasing: Phrasing;
}

const PLACEHOLDER = /\{(\w+)\}/g;
const isTemplate = (english: string) => /\{\w+\}/.test(english);

/** The templates, each as an anchored expression whose groups are its placeholders in order. */
const patterns: Pattern[] = Object.entries(fieldMessages)
  .filter(([english]) => isTemplate(english))
  .map(([english, phrasing]) => {
    const names = [...english.matchAll(PLACEHOLDER)].map((m) => m[1]!);
    const source = english
      .split(PLACEHOLDER)
      .map((part, i) => (i % 2 === 1 ? '(.+)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
    return { match: new RegExp(`^${source}$`, 's'), names, phrasing };
  });

/**
 * A handler's English field detail in `locale`, or undefined when the catalogue has no phrasing
 * for it (the caller then keeps the English: an answer is never broken for want of a translation).
 */
export function phraseFieldDetail(english: string, locale: Locale): string | undefined {
  if (locale === 'en') return english;
  if (Object.hasOwn(fieldMessages, english) && !isTemplate(english)) return fieldMessages[english]![locale];
  for (const pattern of patterns) {
    const found = pattern.match.exec(english);
    if (!found) continue;
    const values = new Map(pattern.names.map((name, i) => [name, found[i + 1]!]));
    return pattern.phrasing[locale].replace(PLACEHOLDER, (whole, name: string) => values.get(name) ?? whole);
  }
  return undefined;
}
