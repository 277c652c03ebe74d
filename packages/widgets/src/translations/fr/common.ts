/** French strings of every element, loaded on demand. */
import type { common as En } from '../en.js';

export default {
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
} satisfies typeof En;
