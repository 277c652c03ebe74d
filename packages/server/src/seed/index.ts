export { DEMO_ORIGINS, ORGANISATIONS, PRIORITY_AREAS, RED_CROSS_DONATION_URL, SPECIALTIES } from './data.js';
export { allowOrigins, demoOwnerEmail, ensureDemoOwners, examplesOrigins } from './origins.js';
export {
  type DemoKey,
  demoKeys,
  isSeeded,
  loadTaxonomies,
  PRIVACY_NOTICE_VERSION,
  type SeedOptions,
  type SeedSummary,
  seed,
  seedInfo,
  zonedTime,
} from './seed.js';
