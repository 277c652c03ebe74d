/** French strings of <mahjar-impact-report>, loaded on demand. */
// The strings every element shares travel with each element's own (a shared chunk in the full bundle).
export { default as common } from './common.js';

import type { impactReport as En } from '../en/impact-report.js';

export default {
  title: 'Rapport d’engagement trimestriel',
  quarter: (number: string, year: string) => `T${number} ${year}`,
  previous: 'Trimestre précédent',
  next: 'Trimestre suivant',
  download: 'Télécharger le CSV',
  downloading: 'Préparation du CSV…',
  needsCredentials:
    'Ce rapport demande la clé secrète de l’organisation ou un administrateur connecté. Une clé publique ne peut pas le lire.',
  showTable: 'Afficher le tableau des données',
  months: {
    title: 'Événements et participants par mois',
    events: 'Événements tenus',
    webinars: 'Webinaires',
    registrations: 'Inscriptions',
    participants: 'Participants',
    eventsChart: 'Événements tenus par mois',
    participantsChart: 'Participants par mois',
    month: 'Mois',
  },
  needs: {
    title: 'Besoins ouverts et pourvus par domaine prioritaire',
    opened: 'Ouverts',
    filled: 'Pourvus',
    assigned: 'Personnes affectées',
    hours: 'Heures données',
    peopleReached: 'Personnes atteintes',
    summary: (answers: string, assigned: string, open: string) =>
      `${answers} réponses « Je peux aider », ${assigned} personnes affectées, ${open} besoins encore ouverts en fin de trimestre.`,
    none: 'Aucun besoin ouvert ni pourvu ce trimestre.',
  },
  funds: {
    title: 'Fonds collectés par domaine prioritaire',
    inCurrency: (currency: string) => `Fonds collectés en ${currency}`,
    amount: 'Montant',
    currency: 'Devise',
    none: 'Aucun don reçu ce trimestre.',
  },
  change: {
    title: 'Évolution par rapport au trimestre précédent',
    metric: 'Indicateur',
    change: 'Évolution',
    new: 'nouveau',
    same: 'inchangé',
    metrics: {
      signupsReceived: 'Adhésions reçues',
      verifiedMembers: 'Membres vérifiés',
      eventsHeld: 'Événements tenus',
      participants: 'Participants',
      contactRequests: 'Demandes de contact',
      needsOpened: 'Besoins ouverts',
      needsFilled: 'Besoins pourvus',
    },
    funds: (currency: string) => `Fonds collectés (${currency})`,
  },
  priorityArea: 'Domaine prioritaire',
  highest: (label: string, value: string) => `Le plus élevé : ${label}, ${value}.`,
  empty: 'Rien à afficher.',
  narrative: {
    title: 'Les notes du coordinateur',
    milestones: 'Jalons',
    outcomes: 'Résultats',
    challenges: 'Difficultés',
    none: 'Rien n’a encore été écrit pour ce trimestre.',
  },
} satisfies typeof En;
