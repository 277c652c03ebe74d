import type { components } from '@mahjar/sdk';

/** The kinds of help a professional can offer, with their names (listOfferKinds, directory labels). */
export const OFFER_KINDS: components['schemas']['OfferKindInfo'][] = [
  { code: 'mentoring', name: { en: 'Mentoring', ar: 'إرشاد', fr: 'Mentorat' } },
  { code: 'telehealth', name: { en: 'Telehealth', ar: 'الرعاية الصحية عن بُعد', fr: 'Télésanté' } },
  { code: 'teaching', name: { en: 'Teaching and CME', ar: 'التعليم الطبي المستمر', fr: 'Enseignement et FMC' } },
  { code: 'research', name: { en: 'Research', ar: 'البحث العلمي', fr: 'Recherche' } },
  { code: 'return_placement', name: { en: 'Short-term return', ar: 'عودة قصيرة الأمد', fr: 'Retour de courte durée' } },
  { code: 'medical_mission', name: { en: 'Medical mission', ar: 'بعثة طبية', fr: 'Mission médicale' } },
];
