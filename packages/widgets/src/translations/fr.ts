/** French strings, loaded on demand. */
import type { common as Common, donateButton as DonateButton } from './en.js';

export const common: typeof Common = {
  dir: 'ltr',
  loading: 'Chargement…',
  retry: 'Réessayer',
  offline: 'Vous êtes hors ligne. Nous réessaierons dès le retour de la connexion.',
  problems: {
    network: 'Impossible de joindre le serveur. Vérifiez votre connexion et réessayez.',
    'not-found': 'Introuvable.',
    validation: 'Certaines informations sont à corriger.',
    unauthorized: 'Ce site n’est pas configuré pour Mahjar (vérifiez la clé publique).',
    forbidden: 'Ce site n’est pas autorisé à utiliser ce compte Mahjar.',
    'rate-limited': 'Trop de requêtes. Patientez un instant puis réessayez.',
    'idempotency-conflict': 'Déjà envoyé avec d’autres informations. Rechargez la page et réessayez.',
    'campaign-closed': 'Cette campagne est terminée.',
    internal: 'Une erreur est survenue de notre côté. Réessayez dans un instant.',
  },
};

export const donateButton: typeof DonateButton = {
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
};
