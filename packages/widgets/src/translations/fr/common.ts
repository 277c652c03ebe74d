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
    forbidden: 'Vous n’êtes pas autorisé à faire ceci.',
    'origin-not-allowed':
      'Ce site ({origin}) n’est pas autorisé à utiliser cette clé Mahjar : le propriétaire de la clé doit l’ajouter aux sites autorisés.',
    'rate-limited': 'Trop de requêtes. Patientez un instant puis réessayez.',
    'idempotency-conflict': 'Déjà envoyé avec d’autres informations. Rechargez la page et réessayez.',
    'campaign-closed': 'Cette campagne est terminée.',
    internal: 'Une erreur est survenue de notre côté. Réessayez dans un instant.',
  },
} satisfies typeof En;
