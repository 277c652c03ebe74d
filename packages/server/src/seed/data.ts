/**
 * Reference data for the synthetic seed. Organisations are the real networks the product serves
 * (names only, with example.org-style sites); every person generated from the name lists below is
 * fictional. Nothing here is anyone's personal data.
 */
import type { LocalisedText, OrganisationKind } from '../db/schema.js';

export interface OrgSeed {
  slug: string;
  kind: OrganisationKind;
  name: Required<LocalisedText>;
  parent?: string;
  country: string;
  currency: string;
  locales: string[];
  color: string;
  /** Where this chapter's members practise (ISO 3166-1 alpha-2), for generated professionals. */
  memberCountries?: string[];
  /** 'lb' (Lebanese diaspora, ILMA family) or 'iq' (Iraqi diaspora, IMSA). */
  diaspora?: 'lb' | 'iq';
  weight?: number;
}

const chapter = (
  slug: string,
  en: string,
  ar: string,
  fr: string,
  country: string,
  currency: string,
  locales: string[],
  color: string,
  weight: number,
): OrgSeed => ({
  slug,
  kind: 'chapter',
  name: { en, ar, fr },
  parent: 'ilma',
  country,
  currency,
  locales,
  color,
  memberCountries: [country],
  diaspora: 'lb',
  weight,
});

export const ORGANISATIONS: OrgSeed[] = [
  {
    slug: 'ilma',
    kind: 'umbrella',
    name: {
      en: 'International Lebanese Medical Association',
      ar: 'الجمعية الطبية اللبنانية الدولية',
      fr: 'Association médicale libanaise internationale',
    },
    country: 'LB',
    currency: 'USD',
    locales: ['en', 'ar', 'fr'],
    color: '#00843d',
  },
  chapter('ilma-usa', 'ILMA-USA', 'الجمعية الطبية اللبنانية - الولايات المتحدة', 'ILMA-USA', 'US', 'USD', ['en', 'ar'], '#1f4e8c', 22),
  chapter('alma-australia', 'ALMA Australia', 'الجمعية الطبية الأسترالية اللبنانية', 'ALMA Australie', 'AU', 'AUD', ['en', 'ar'], '#0b6e4f', 10),
  chapter('ilma-canada', 'ILMA Canada', 'الجمعية الطبية اللبنانية - كندا', 'AMLI Canada', 'CA', 'CAD', ['en', 'fr', 'ar'], '#c8102e', 9),
  chapter('ilma-uk', 'ILMA UK', 'الجمعية الطبية اللبنانية - المملكة المتحدة', 'ILMA Royaume-Uni', 'GB', 'GBP', ['en', 'ar'], '#012169', 6),
  chapter('ilma-france', 'ILMA France', 'الجمعية الطبية اللبنانية - فرنسا', 'AMLI France', 'FR', 'EUR', ['fr', 'ar', 'en'], '#0055a4', 10),
  chapter('ilma-germany', 'ILMA Germany', 'الجمعية الطبية اللبنانية - ألمانيا', 'AMLI Allemagne', 'DE', 'EUR', ['de', 'en', 'ar'], '#333333', 5),
  chapter('ilma-sweden', 'ILMA Sweden', 'الجمعية الطبية اللبنانية - السويد', 'AMLI Suède', 'SE', 'SEK', ['sv', 'en', 'ar'], '#006aa7', 3),
  chapter('ilma-uae', 'ILMA UAE', 'الجمعية الطبية اللبنانية - الإمارات', 'AMLI Émirats', 'AE', 'AED', ['ar', 'en'], '#00732f', 8),
  chapter('ilma-saudi-arabia', 'ILMA Saudi Arabia', 'الجمعية الطبية اللبنانية - السعودية', 'AMLI Arabie saoudite', 'SA', 'SAR', ['ar', 'en'], '#006c35', 6),
  chapter('ilma-qatar', 'ILMA Qatar', 'الجمعية الطبية اللبنانية - قطر', 'AMLI Qatar', 'QA', 'QAR', ['ar', 'en'], '#8a1538', 4),
  chapter('ilma-kuwait', 'ILMA Kuwait', 'الجمعية الطبية اللبنانية - الكويت', 'AMLI Koweït', 'KW', 'KWD', ['ar', 'en'], '#007a3d', 3),
  chapter('ilma-brazil', 'ILMA Brazil', 'الجمعية الطبية اللبنانية - البرازيل', 'AMLI Brésil', 'BR', 'BRL', ['pt', 'ar', 'en'], '#009c3b', 6),
  chapter('ilma-mexico', 'ILMA Mexico', 'الجمعية الطبية اللبنانية - المكسيك', 'AMLI Mexique', 'MX', 'MXN', ['es', 'ar', 'en'], '#006847', 3),
  chapter('ilma-argentina', 'ILMA Argentina', 'الجمعية الطبية اللبنانية - الأرجنتين', 'AMLI Argentine', 'AR', 'ARS', ['es', 'ar', 'en'], '#74acdf', 2),
  chapter('ilma-nigeria', 'ILMA Nigeria', 'الجمعية الطبية اللبنانية - نيجيريا', 'AMLI Nigéria', 'NG', 'NGN', ['en', 'ar'], '#008751', 2),
  chapter('ilma-cote-divoire', "ILMA Côte d'Ivoire", 'الجمعية الطبية اللبنانية - ساحل العاج', "AMLI Côte d'Ivoire", 'CI', 'XOF', ['fr', 'ar'], '#f77f00', 2),
  chapter('ilma-south-africa', 'ILMA South Africa', 'الجمعية الطبية اللبنانية - جنوب أفريقيا', 'AMLI Afrique du Sud', 'ZA', 'ZAR', ['en', 'ar'], '#007749', 2),
  chapter('ilma-belgium', 'ILMA Belgium', 'الجمعية الطبية اللبنانية - بلجيكا', 'AMLI Belgique', 'BE', 'EUR', ['fr', 'nl', 'ar'], '#2d2926', 3),
  chapter('ilma-switzerland', 'ILMA Switzerland', 'الجمعية الطبية اللبنانية - سويسرا', 'AMLI Suisse', 'CH', 'CHF', ['fr', 'de', 'ar'], '#d52b1e', 3),
  chapter('ilma-italy', 'ILMA Italy', 'الجمعية الطبية اللبنانية - إيطاليا', 'AMLI Italie', 'IT', 'EUR', ['it', 'ar', 'en'], '#008c45', 2),
  chapter('ilma-cyprus', 'ILMA Cyprus', 'الجمعية الطبية اللبنانية - قبرص', 'AMLI Chypre', 'CY', 'EUR', ['en', 'el', 'ar'], '#d57800', 2),
  {
    slug: 'imsa-iraq',
    kind: 'chapter',
    name: {
      en: 'IMSA — Iraqi Medical Sciences Association',
      ar: 'جمعية العلوم الطبية العراقية',
      fr: 'IMSA — Association irakienne des sciences médicales',
    },
    country: 'GB',
    currency: 'GBP',
    locales: ['ar', 'en'],
    color: '#ce1126',
    memberCountries: ['GB', 'US', 'SE', 'DE', 'AU', 'CA', 'AE', 'IQ'],
    diaspora: 'iq',
    weight: 8,
  },
  {
    slug: 'moph-lebanon',
    kind: 'ministry',
    name: {
      en: 'Ministry of Public Health — International Office',
      ar: 'وزارة الصحة العامة - المكتب الدولي',
      fr: 'Ministère de la Santé publique — Bureau international',
    },
    country: 'LB',
    currency: 'USD',
    locales: ['ar', 'en', 'fr'],
    color: '#ed1c24',
  },
  {
    slug: 'iom',
    kind: 'partner',
    name: {
      en: 'International Organization for Migration',
      ar: 'المنظمة الدولية للهجرة',
      fr: 'Organisation internationale pour les migrations',
    },
    country: 'CH',
    currency: 'USD',
    locales: ['en', 'fr', 'ar'],
    color: '#0033a0',
  },
  {
    slug: 'lebanese-red-cross',
    kind: 'partner',
    name: { en: 'Lebanese Red Cross', ar: 'الصليب الأحمر اللبناني', fr: 'Croix-Rouge libanaise' },
    country: 'LB',
    currency: 'USD',
    locales: ['ar', 'en', 'fr'],
    color: '#e30613',
  },
];

/** Partner donation page a `link_out` campaign points to. */
export const RED_CROSS_DONATION_URL = 'https://www.redcross.org.lb/donate';

export const DEMO_ORIGINS = ['http://localhost:5173', 'http://127.0.0.1:5173'];

export const PRIORITY_AREAS: { code: string; name: Required<LocalisedText> }[] = [
  { code: 'primary-health-care', name: { en: 'Primary health care', ar: 'الرعاية الصحية الأولية', fr: 'Soins de santé primaires' } },
  { code: 'mental-health', name: { en: 'Mental health', ar: 'الصحة النفسية', fr: 'Santé mentale' } },
  { code: 'emergency-preparedness', name: { en: 'Emergency preparedness', ar: 'الجهوزية للطوارئ', fr: 'Préparation aux urgences' } },
  { code: 'digital-health', name: { en: 'Digital health', ar: 'الصحة الرقمية', fr: 'Santé numérique' } },
  { code: 'health-workforce', name: { en: 'Health workforce', ar: 'القوى العاملة الصحية', fr: 'Personnels de santé' } },
  { code: 'maternal-child-health', name: { en: 'Maternal and child health', ar: 'صحة الأم والطفل', fr: 'Santé maternelle et infantile' } },
  { code: 'ncd-prevention', name: { en: 'Non-communicable disease prevention', ar: 'الوقاية من الأمراض غير السارية', fr: 'Prévention des maladies non transmissibles' } },
  { code: 'medicines-access', name: { en: 'Access to medicines', ar: 'الحصول على الأدوية', fr: 'Accès aux médicaments' } },
];

type Spec = [code: string, en: string, ar: string, fr: string, parent?: string];
export const SPECIALTIES: Spec[] = [
  ['internal-medicine', 'Internal medicine', 'الطب الباطني', 'Médecine interne'],
  ['cardiology', 'Cardiology', 'أمراض القلب', 'Cardiologie', 'internal-medicine'],
  ['interventional-cardiology', 'Interventional cardiology', 'القلب التداخلي', 'Cardiologie interventionnelle', 'cardiology'],
  ['nephrology', 'Nephrology', 'أمراض الكلى', 'Néphrologie', 'internal-medicine'],
  ['gastroenterology', 'Gastroenterology', 'أمراض الجهاز الهضمي', 'Gastro-entérologie', 'internal-medicine'],
  ['endocrinology', 'Endocrinology', 'الغدد الصماء', 'Endocrinologie', 'internal-medicine'],
  ['pulmonology', 'Pulmonology', 'أمراض الرئة', 'Pneumologie', 'internal-medicine'],
  ['infectious-diseases', 'Infectious diseases', 'الأمراض المعدية', 'Maladies infectieuses', 'internal-medicine'],
  ['rheumatology', 'Rheumatology', 'أمراض الروماتيزم', 'Rhumatologie', 'internal-medicine'],
  ['haematology', 'Haematology', 'أمراض الدم', 'Hématologie', 'internal-medicine'],
  ['oncology', 'Oncology', 'الأورام', 'Oncologie'],
  ['radiation-oncology', 'Radiation oncology', 'العلاج الإشعاعي للأورام', 'Radiothérapie', 'oncology'],
  ['geriatrics', 'Geriatrics', 'طب الشيخوخة', 'Gériatrie', 'internal-medicine'],
  ['paediatrics', 'Paediatrics', 'طب الأطفال', 'Pédiatrie'],
  ['paediatric-oncology', 'Paediatric oncology', 'أورام الأطفال', 'Oncologie pédiatrique', 'paediatrics'],
  ['paediatric-cardiology', 'Paediatric cardiology', 'قلب الأطفال', 'Cardiologie pédiatrique', 'paediatrics'],
  ['neonatology', 'Neonatology', 'طب حديثي الولادة', 'Néonatologie', 'paediatrics'],
  ['general-surgery', 'General surgery', 'الجراحة العامة', 'Chirurgie générale'],
  ['cardiothoracic-surgery', 'Cardiothoracic surgery', 'جراحة القلب والصدر', 'Chirurgie cardiothoracique', 'general-surgery'],
  ['neurosurgery', 'Neurosurgery', 'جراحة الأعصاب', 'Neurochirurgie', 'general-surgery'],
  ['orthopaedic-surgery', 'Orthopaedic surgery', 'جراحة العظام', 'Chirurgie orthopédique', 'general-surgery'],
  ['plastic-surgery', 'Plastic and reconstructive surgery', 'الجراحة التجميلية والترميمية', 'Chirurgie plastique et reconstructrice', 'general-surgery'],
  ['vascular-surgery', 'Vascular surgery', 'جراحة الأوعية الدموية', 'Chirurgie vasculaire', 'general-surgery'],
  ['urology', 'Urology', 'المسالك البولية', 'Urologie', 'general-surgery'],
  ['obstetrics-gynaecology', 'Obstetrics and gynaecology', 'التوليد وأمراض النساء', 'Gynécologie-obstétrique'],
  ['anaesthesiology', 'Anaesthesiology', 'التخدير', 'Anesthésiologie'],
  ['emergency-medicine', 'Emergency medicine', 'طب الطوارئ', 'Médecine d’urgence'],
  ['critical-care', 'Critical care', 'العناية المركزة', 'Réanimation'],
  ['family-medicine', 'Family medicine', 'طب الأسرة', 'Médecine de famille'],
  ['psychiatry', 'Psychiatry', 'الطب النفسي', 'Psychiatrie'],
  ['child-psychiatry', 'Child and adolescent psychiatry', 'الطب النفسي للأطفال والمراهقين', "Pédopsychiatrie", 'psychiatry'],
  ['neurology', 'Neurology', 'طب الأعصاب', 'Neurologie'],
  ['dermatology', 'Dermatology', 'الأمراض الجلدية', 'Dermatologie'],
  ['ophthalmology', 'Ophthalmology', 'طب العيون', 'Ophtalmologie'],
  ['otorhinolaryngology', 'Otorhinolaryngology (ENT)', 'الأنف والأذن والحنجرة', 'Oto-rhino-laryngologie'],
  ['radiology', 'Radiology', 'الأشعة', 'Radiologie'],
  ['pathology', 'Pathology', 'علم الأمراض', 'Anatomopathologie'],
  ['medical-genetics', 'Medical genetics', 'علم الوراثة الطبية', 'Génétique médicale'],
  ['palliative-care', 'Palliative care', 'الرعاية التلطيفية', 'Soins palliatifs'],
  ['public-health', 'Public health', 'الصحة العامة', 'Santé publique'],
  ['epidemiology', 'Epidemiology', 'علم الأوبئة', 'Épidémiologie', 'public-health'],
  ['nursing', 'Nursing', 'التمريض', 'Soins infirmiers'],
  ['midwifery', 'Midwifery', 'القبالة', 'Maïeutique'],
  ['pharmacy', 'Clinical pharmacy', 'الصيدلة السريرية', 'Pharmacie clinique'],
  ['dentistry', 'Dentistry', 'طب الأسنان', 'Chirurgie dentaire'],
  ['orthodontics', 'Orthodontics', 'تقويم الأسنان', 'Orthodontie', 'dentistry'],
  ['physiotherapy', 'Physiotherapy', 'العلاج الفيزيائي', 'Kinésithérapie'],
  ['clinical-nutrition', 'Clinical nutrition', 'التغذية السريرية', 'Nutrition clinique'],
];

/** Which specialties suit which profession (the rest are physicians/surgeons/researchers). */
export const PROFESSION_SPECIALTIES: Record<string, string[]> = {
  dentist: ['dentistry', 'orthodontics'],
  pharmacist: ['pharmacy'],
  nurse: ['nursing', 'critical-care', 'emergency-medicine', 'paediatrics', 'palliative-care'],
  midwife: ['midwifery', 'obstetrics-gynaecology'],
  allied_health: ['physiotherapy', 'clinical-nutrition'],
  public_health: ['public-health', 'epidemiology'],
  surgeon: [
    'general-surgery',
    'cardiothoracic-surgery',
    'neurosurgery',
    'orthopaedic-surgery',
    'plastic-surgery',
    'vascular-surgery',
    'urology',
    'obstetrics-gynaecology',
    'otorhinolaryngology',
    'ophthalmology',
  ],
};

export type NamePair = [latin: string, arabic: string];

export const GIVEN_MALE_LB: NamePair[] = [
  ['Georges', 'جورج'], ['Élie', 'إيلي'], ['Charbel', 'شربل'], ['Karim', 'كريم'], ['Rami', 'رامي'],
  ['Ziad', 'زياد'], ['Walid', 'وليد'], ['Fadi', 'فادي'], ['Nabil', 'نبيل'], ['Samir', 'سمير'],
  ['Tarek', 'طارق'], ['Joseph', 'جوزيف'], ['Antoine', 'أنطوان'], ['Hassan', 'حسن'], ['Ali', 'علي'],
  ['Mohammad', 'محمد'], ['Ahmad', 'أحمد'], ['Omar', 'عمر'], ['Khaled', 'خالد'], ['Youssef', 'يوسف'],
  ['Marwan', 'مروان'], ['Bassam', 'بسام'], ['Hadi', 'هادي'], ['Jad', 'جاد'], ['Wissam', 'وسام'],
  ['Michel', 'ميشال'], ['Pierre', 'بيار'], ['Nassim', 'نسيم'], ['Imad', 'عماد'], ['Chadi', 'شادي'],
];
export const GIVEN_FEMALE_LB: NamePair[] = [
  ['Rania', 'رانيا'], ['Nadine', 'نادين'], ['Maya', 'مايا'], ['Rita', 'ريتا'], ['Layla', 'ليلى'],
  ['Nour', 'نور'], ['Hiba', 'هبة'], ['Zeina', 'زينة'], ['Carla', 'كارلا'], ['Joëlle', 'جويل'],
  ['Lara', 'لارا'], ['Mira', 'ميرا'], ['Sara', 'سارة'], ['Yasmine', 'ياسمين'], ['Dima', 'ديما'],
  ['Hala', 'هالة'], ['Rasha', 'رشا'], ['Hélène', 'هيلين'], ['Mariam', 'مريم'], ['Aya', 'آية'],
  ['Christelle', 'كريستيل'], ['Roula', 'رولا'], ['Ghada', 'غادة'], ['Rima', 'ريما'], ['Tania', 'تانيا'],
  ['Nathalie', 'ناتالي'], ['Souad', 'سعاد'], ['Lina', 'لينا'], ['Dalia', 'داليا'], ['Céline', 'سيلين'],
];
export const FAMILY_LB: NamePair[] = [
  ['Haddad', 'حداد'], ['Khoury', 'خوري'], ['Saad', 'سعد'], ['Nassar', 'نصار'], ['Azar', 'عازار'],
  ['Harb', 'حرب'], ['Khalil', 'خليل'], ['Aoun', 'عون'], ['El Hajj', 'الحاج'], ['Mansour', 'منصور'],
  ['Karam', 'كرم'], ['Salameh', 'سلامة'], ['Chamoun', 'شمعون'], ['Sfeir', 'صفير'], ['Abboud', 'عبود'],
  ['Hakim', 'حكيم'], ['Fares', 'فارس'], ['Ghanem', 'غانم'], ['Issa', 'عيسى'], ['Daher', 'ضاهر'],
  ['Nader', 'نادر'], ['Rizk', 'رزق'], ['Zein', 'زين'], ['Hamdan', 'حمدان'], ['Jaber', 'جابر'],
  ['Moussa', 'موسى'], ['Saliba', 'صليبا'], ['Tannous', 'طنوس'], ['Yazbeck', 'يزبك'], ['Bitar', 'بيطار'],
  ['Najjar', 'نجار'], ['Sabbagh', 'صباغ'], ['Kassab', 'قصاب'], ['Chidiac', 'شدياق'], ['Habib', 'حبيب'],
  ['Maalouf', 'معلوف'], ['Obeid', 'عبيد'], ['Ayoub', 'أيوب'], ['Farhat', 'فرحات'], ['Younes', 'يونس'],
  ['Mourad', 'مراد'], ['Srour', 'سرور'], ['Akiki', 'عقيقي'], ['Frangieh', 'فرنجية'], ['Achkar', 'الأشقر'],
];
export const GIVEN_MALE_IQ: NamePair[] = [
  ['Haider', 'حيدر'], ['Mustafa', 'مصطفى'], ['Ali', 'علي'], ['Ahmed', 'أحمد'], ['Hussein', 'حسين'],
  ['Saif', 'سيف'], ['Omar', 'عمر'], ['Muntadhar', 'منتظر'], ['Yasir', 'ياسر'], ['Ammar', 'عمار'],
  ['Laith', 'ليث'], ['Zaid', 'زيد'], ['Karrar', 'كرار'], ['Firas', 'فراس'], ['Sinan', 'سنان'],
];
export const GIVEN_FEMALE_IQ: NamePair[] = [
  ['Zainab', 'زينب'], ['Fatima', 'فاطمة'], ['Noor', 'نور'], ['Rusul', 'رسل'], ['Shahad', 'شهد'],
  ['Hanan', 'حنان'], ['Sura', 'سرى'], ['Duaa', 'دعاء'], ['Maryam', 'مريم'], ['Ban', 'بان'],
  ['Huda', 'هدى'], ['Israa', 'إسراء'], ['Lubna', 'لبنى'], ['Safa', 'صفاء'], ['Tiba', 'طيبة'],
];
export const FAMILY_IQ: NamePair[] = [
  ['Al-Rubaie', 'الربيعي'], ['Al-Jubouri', 'الجبوري'], ['Al-Tamimi', 'التميمي'], ['Al-Obaidi', 'العبيدي'],
  ['Al-Saadi', 'الساعدي'], ['Al-Hashimi', 'الهاشمي'], ['Al-Dulaimi', 'الدليمي'], ['Al-Khafaji', 'الخفاجي'],
  ['Al-Bayati', 'البياتي'], ['Al-Shammari', 'الشمري'], ['Al-Musawi', 'الموسوي'], ['Al-Azzawi', 'العزاوي'],
  ['Haddad', 'حداد'], ['Al-Najjar', 'النجار'], ['Al-Ani', 'العاني'],
];

/** Cities of practice by country, with the languages spoken there besides ar/en/fr. */
export const COUNTRIES: Record<string, { cities: string[]; languages: string[] }> = {
  US: { cities: ['New York', 'Boston', 'Houston', 'Detroit', 'Cleveland', 'Los Angeles', 'Miami', 'Chicago'], languages: ['es'] },
  CA: { cities: ['Montréal', 'Toronto', 'Ottawa', 'Québec', 'Halifax'], languages: [] },
  AU: { cities: ['Sydney', 'Melbourne', 'Adelaide', 'Brisbane'], languages: [] },
  GB: { cities: ['London', 'Manchester', 'Birmingham', 'Leeds'], languages: [] },
  FR: { cities: ['Paris', 'Lyon', 'Marseille', 'Montpellier', 'Nice'], languages: [] },
  DE: { cities: ['Berlin', 'München', 'Frankfurt am Main', 'Köln', 'Hamburg'], languages: ['de'] },
  SE: { cities: ['Stockholm', 'Göteborg', 'Malmö', 'Uppsala'], languages: ['sv'] },
  AE: { cities: ['Dubai', 'Abu Dhabi', 'Sharjah'], languages: [] },
  SA: { cities: ['Riyadh', 'Jeddah', 'Dammam'], languages: [] },
  QA: { cities: ['Doha'], languages: [] },
  KW: { cities: ['Kuwait City'], languages: [] },
  BR: { cities: ['São Paulo', 'Rio de Janeiro', 'Curitiba'], languages: ['pt'] },
  MX: { cities: ['Ciudad de México', 'Monterrey', 'Puebla'], languages: ['es'] },
  AR: { cities: ['Buenos Aires', 'Córdoba'], languages: ['es'] },
  NG: { cities: ['Lagos', 'Abuja', 'Kano'], languages: ['yo', 'ha'] },
  CI: { cities: ['Abidjan', 'Yamoussoukro'], languages: [] },
  ZA: { cities: ['Johannesburg', 'Cape Town', 'Durban'], languages: ['af'] },
  BE: { cities: ['Bruxelles', 'Liège', 'Antwerpen'], languages: ['nl'] },
  CH: { cities: ['Genève', 'Zürich', 'Lausanne', 'Bern'], languages: ['de', 'it'] },
  IT: { cities: ['Roma', 'Milano', 'Torino', 'Napoli'], languages: ['it'] },
  CY: { cities: ['Nicosia', 'Limassol', 'Larnaca'], languages: ['el'] },
  IQ: { cities: ['Baghdad', 'Erbil', 'Basra', 'Najaf'], languages: ['ku'] },
  LB: { cities: ['Beirut', 'Tripoli', 'Saida', 'Zahlé'], languages: [] },
};

export const MEDICAL_SCHOOLS: Record<'lb' | 'iq', { name: string; country: string }[]> = {
  lb: [
    { name: 'Faculty of Medicine, Beirut (synthetic)', country: 'LB' },
    { name: 'Faculté de médecine de Beyrouth (fictive)', country: 'LB' },
    { name: 'Mount Lebanon School of Medicine (synthetic)', country: 'LB' },
    { name: 'North Lebanon Faculty of Health Sciences (synthetic)', country: 'LB' },
    { name: 'Université de Paris — Faculté de santé (fictive)', country: 'FR' },
  ],
  iq: [
    { name: 'Baghdad College of Medicine (synthetic)', country: 'IQ' },
    { name: 'Mosul Medical College (synthetic)', country: 'IQ' },
    { name: 'Basra College of Medicine (synthetic)', country: 'IQ' },
  ],
};

/** Institution templates; `{city}` is replaced. All fictional. */
export const INSTITUTIONS = [
  '{city} University Hospital',
  "{city} Children's Hospital",
  'Centre hospitalier de {city}',
  '{city} Heart Institute',
  'Clinique du Parc, {city}',
  '{city} Cancer Centre',
  '{city} General Hospital',
  '{city} School of Public Health',
  'Hôpital Saint-Luc de {city}',
  '{city} Community Health Centre',
];

export const ROLES = ['Attending physician', 'Consultant', 'Associate professor', 'Resident', 'Head of department', 'Research fellow', 'Clinical lead'];

export const AVAILABILITY = [
  'Two evenings a month, online',
  'One hour a week (UTC+2 evenings)',
  'Available in July and August for short missions',
  'Quarterly webinars; more on request',
  'Weekends, by appointment',
  'Two weeks a year in Lebanon',
  'Flexible; contact me first',
  'Mentoring one resident at a time',
];
