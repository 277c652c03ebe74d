/** French strings of <mahjar-donate-button>, loaded on demand. */
// The strings every element shares travel with each element's own (a shared chunk in the full bundle).
export { default as common } from './common.js';

import type { donateButton as En } from '../en.js';

export default {
  donate: 'Faire un don',
  raised: (raised, goal) => `${raised} collectés sur ${goal}`,
  donors: { one: '# donateur', other: '# donateurs' },
  progress: 'Progression vers l’objectif',
  percent: (p) => `${p} de l’objectif`,
  closed: 'Cette campagne est terminée. Merci à toutes celles et ceux qui ont donné.',
  dialogTitle: (title) => `Faire un don\u00a0: ${title}`,
  close: 'Fermer',
  amount: (currency) => `Montant (${currency})`,
  other: 'Autre montant',
  tooSmall: (min) => `Saisissez au moins ${min}.`,
  tooLarge: (max) => `Saisissez au plus ${max}.`,
  frequency: 'Fréquence',
  oneOff: 'Une fois',
  monthly: 'Tous les mois',
  name: 'Votre nom',
  email: 'E-mail, pour votre reçu',
  nameRequired: 'Indiquez votre nom, ou choisissez de ne pas l’afficher publiquement.',
  emailInvalid: 'Saisissez une adresse e-mail comme nom@exemple.org.',
  dedication: 'En l’honneur ou à la mémoire de (facultatif)',
  anonymous: 'Ne pas afficher mon nom publiquement',
  submit: (amount, monthly) => (monthly ? `Donner ${amount} par mois` : `Donner ${amount}`),
  sending: 'Envoi…',
  redirecting: 'Redirection vers le paiement sécurisé…',
} satisfies typeof En;
