// Generated from openapi/mahjar.yaml by scripts/gen-operations.mjs — do not edit.

/** Every operation of the contract: its method and path template. */
export const operationTable = {
  "getHealth": {
    "method": "GET",
    "path": "/v1/health"
  },
  "getLiveness": {
    "method": "GET",
    "path": "/v1/health/live"
  },
  "getReadiness": {
    "method": "GET",
    "path": "/v1/health/ready"
  },
  "listOrganisations": {
    "method": "GET",
    "path": "/v1/organisations"
  },
  "getOrganisation": {
    "method": "GET",
    "path": "/v1/organisations/{slug}"
  },
  "getEventsFeed": {
    "method": "GET",
    "path": "/v1/organisations/{slug}/events.ics"
  },
  "listSpecialties": {
    "method": "GET",
    "path": "/v1/taxonomies/specialties"
  },
  "listPriorityAreas": {
    "method": "GET",
    "path": "/v1/taxonomies/priority-areas"
  },
  "listOfferKinds": {
    "method": "GET",
    "path": "/v1/taxonomies/offer-kinds"
  },
  "getSignupChallenge": {
    "method": "GET",
    "path": "/v1/signups/challenge"
  },
  "createSignup": {
    "method": "POST",
    "path": "/v1/signups"
  },
  "verifyEmail": {
    "method": "POST",
    "path": "/v1/signups/verify"
  },
  "requestMemberSignIn": {
    "method": "POST",
    "path": "/v1/members/sign-in"
  },
  "createMemberSession": {
    "method": "POST",
    "path": "/v1/members/sessions"
  },
  "endAllMemberSessions": {
    "method": "DELETE",
    "path": "/v1/members/sessions"
  },
  "endMemberSession": {
    "method": "DELETE",
    "path": "/v1/members/sessions/current"
  },
  "getMemberAccount": {
    "method": "GET",
    "path": "/v1/members/me"
  },
  "deleteMemberAccount": {
    "method": "DELETE",
    "path": "/v1/members/me"
  },
  "getMemberProfile": {
    "method": "GET",
    "path": "/v1/members/me/profile"
  },
  "updateMemberProfile": {
    "method": "PUT",
    "path": "/v1/members/me/profile"
  },
  "setMemberChapters": {
    "method": "PUT",
    "path": "/v1/members/me/chapters"
  },
  "listMemberGifts": {
    "method": "GET",
    "path": "/v1/members/me/gifts"
  },
  "cancelMemberGift": {
    "method": "POST",
    "path": "/v1/members/me/gifts/{id}/cancel"
  },
  "exportMemberData": {
    "method": "GET",
    "path": "/v1/members/me/export"
  },
  "searchProfessionals": {
    "method": "GET",
    "path": "/v1/professionals"
  },
  "getProfessional": {
    "method": "GET",
    "path": "/v1/professionals/{id}"
  },
  "createContactRequest": {
    "method": "POST",
    "path": "/v1/professionals/{id}/contact-requests"
  },
  "listEvents": {
    "method": "GET",
    "path": "/v1/events"
  },
  "getEvent": {
    "method": "GET",
    "path": "/v1/events/{id}"
  },
  "getEventIcs": {
    "method": "GET",
    "path": "/v1/events/{id}/ics"
  },
  "createRegistration": {
    "method": "POST",
    "path": "/v1/events/{id}/registrations"
  },
  "getRegistrationCancelPage": {
    "method": "GET",
    "path": "/v1/registrations/{id}/cancel"
  },
  "cancelRegistration": {
    "method": "POST",
    "path": "/v1/registrations/{id}/cancel"
  },
  "getRegistrationIcs": {
    "method": "GET",
    "path": "/v1/registrations/{id}/ics"
  },
  "listCampaigns": {
    "method": "GET",
    "path": "/v1/campaigns"
  },
  "getCampaign": {
    "method": "GET",
    "path": "/v1/campaigns/{slug}"
  },
  "createDonation": {
    "method": "POST",
    "path": "/v1/campaigns/{slug}/donations"
  },
  "getDonation": {
    "method": "GET",
    "path": "/v1/donations/{id}"
  },
  "receivePaymentWebhook": {
    "method": "POST",
    "path": "/v1/payments/webhooks/{provider}"
  },
  "getSandboxCheckout": {
    "method": "GET",
    "path": "/v1/payments/sandbox/checkout/{sessionId}"
  },
  "completeSandboxCheckout": {
    "method": "POST",
    "path": "/v1/payments/sandbox/checkout/{sessionId}/complete"
  },
  "getAdminOrganisation": {
    "method": "GET",
    "path": "/v1/admin/organisation"
  },
  "listAdminPriorityAreas": {
    "method": "GET",
    "path": "/v1/admin/taxonomies/priority-areas"
  },
  "setAllowedOrigins": {
    "method": "PUT",
    "path": "/v1/admin/organisation/allowed-origins"
  },
  "listPendingProfessionals": {
    "method": "GET",
    "path": "/v1/admin/professionals/pending"
  },
  "reviewProfessional": {
    "method": "POST",
    "path": "/v1/admin/professionals/{id}/review"
  },
  "listProfessionalCredentials": {
    "method": "GET",
    "path": "/v1/admin/professionals/{id}/credentials"
  },
  "reviewCredential": {
    "method": "POST",
    "path": "/v1/admin/professionals/{id}/credentials/{credentialId}/review"
  },
  "listAdminEvents": {
    "method": "GET",
    "path": "/v1/admin/events"
  },
  "createEvent": {
    "method": "POST",
    "path": "/v1/admin/events"
  },
  "updateEvent": {
    "method": "PATCH",
    "path": "/v1/admin/events/{id}"
  },
  "cancelEvent": {
    "method": "POST",
    "path": "/v1/admin/events/{id}/cancel"
  },
  "listRegistrations": {
    "method": "GET",
    "path": "/v1/admin/events/{id}/registrations"
  },
  "recordAttendance": {
    "method": "POST",
    "path": "/v1/admin/events/{id}/attendance"
  },
  "checkInRegistration": {
    "method": "POST",
    "path": "/v1/admin/events/{id}/check-ins"
  },
  "listAdminCampaigns": {
    "method": "GET",
    "path": "/v1/admin/campaigns"
  },
  "createCampaign": {
    "method": "POST",
    "path": "/v1/admin/campaigns"
  },
  "updateCampaign": {
    "method": "PATCH",
    "path": "/v1/admin/campaigns/{slug}"
  },
  "closeCampaign": {
    "method": "POST",
    "path": "/v1/admin/campaigns/{slug}/close"
  },
  "listCampaignDonations": {
    "method": "GET",
    "path": "/v1/admin/campaigns/{slug}/donations"
  },
  "exportCampaignDonations": {
    "method": "GET",
    "path": "/v1/admin/campaigns/{slug}/donations/export"
  },
  "resendDonationReceipt": {
    "method": "POST",
    "path": "/v1/admin/campaigns/{slug}/donations/{id}/receipt"
  },
  "exportMembers": {
    "method": "GET",
    "path": "/v1/admin/members/export"
  },
  "getEngagementReport": {
    "method": "GET",
    "path": "/v1/admin/reports/engagement"
  },
  "putReportNarrative": {
    "method": "PUT",
    "path": "/v1/admin/reports/engagement/narratives/{quarter}"
  },
  "listOutbox": {
    "method": "GET",
    "path": "/v1/admin/outbox"
  },
  "listApiKeys": {
    "method": "GET",
    "path": "/v1/admin/api-keys"
  },
  "createApiKey": {
    "method": "POST",
    "path": "/v1/admin/api-keys"
  },
  "revokeApiKey": {
    "method": "POST",
    "path": "/v1/admin/api-keys/{id}/revoke"
  },
  "requestAdminSignIn": {
    "method": "POST",
    "path": "/v1/admin/sign-in"
  },
  "createAdminSession": {
    "method": "POST",
    "path": "/v1/admin/sessions"
  },
  "endAdminSession": {
    "method": "DELETE",
    "path": "/v1/admin/sessions/current"
  },
  "listAdminUsers": {
    "method": "GET",
    "path": "/v1/admin/users"
  },
  "inviteAdminUser": {
    "method": "POST",
    "path": "/v1/admin/users"
  },
  "removeAdminUser": {
    "method": "DELETE",
    "path": "/v1/admin/users/{userId}"
  },
  "updateAdminUser": {
    "method": "PATCH",
    "path": "/v1/admin/users/{userId}"
  },
  "listAuditLog": {
    "method": "GET",
    "path": "/v1/admin/audit"
  },
  "listChapters": {
    "method": "GET",
    "path": "/v1/admin/organisations"
  },
  "createOrganisation": {
    "method": "POST",
    "path": "/v1/admin/organisations"
  },
  "listNeeds": {
    "method": "GET",
    "path": "/v1/admin/needs"
  },
  "createNeed": {
    "method": "POST",
    "path": "/v1/admin/needs"
  },
  "getNeed": {
    "method": "GET",
    "path": "/v1/admin/needs/{id}"
  },
  "updateNeed": {
    "method": "PUT",
    "path": "/v1/admin/needs/{id}"
  },
  "changeNeedState": {
    "method": "POST",
    "path": "/v1/admin/needs/{id}/state"
  },
  "listNeedCandidates": {
    "method": "GET",
    "path": "/v1/admin/needs/{id}/candidates"
  },
  "inviteNeedCandidates": {
    "method": "POST",
    "path": "/v1/admin/needs/{id}/invitations"
  },
  "listNeedResponses": {
    "method": "GET",
    "path": "/v1/admin/needs/{id}/responses"
  },
  "changeNeedResponseState": {
    "method": "POST",
    "path": "/v1/admin/needs/{id}/responses/{responseId}/state"
  },
  "recordNeedOutcome": {
    "method": "PUT",
    "path": "/v1/admin/needs/{id}/responses/{responseId}/outcome"
  },
  "listPublicNeeds": {
    "method": "GET",
    "path": "/v1/needs"
  },
  "getPublicNeed": {
    "method": "GET",
    "path": "/v1/needs/{id}"
  },
  "answerNeed": {
    "method": "POST",
    "path": "/v1/needs/{id}/answers"
  },
  "answerNeedAsMember": {
    "method": "POST",
    "path": "/v1/members/me/needs/{id}/answers"
  }
} as const;

export type OperationId = keyof typeof operationTable;

/** Writes that take an `Idempotency-Key` ("METHOD /path"); the client adds one when the caller didn't. */
export const idempotentOperations: ReadonlySet<string> = new Set([
  "POST /v1/admin/campaigns",
  "POST /v1/admin/campaigns/{slug}/donations/{id}/receipt",
  "POST /v1/admin/events",
  "POST /v1/admin/events/{id}/check-ins",
  "POST /v1/admin/needs",
  "POST /v1/admin/needs/{id}/invitations",
  "POST /v1/admin/needs/{id}/responses/{responseId}/state",
  "POST /v1/admin/needs/{id}/state",
  "POST /v1/admin/professionals/{id}/credentials/{credentialId}/review",
  "POST /v1/campaigns/{slug}/donations",
  "POST /v1/events/{id}/registrations",
  "POST /v1/members/me/gifts/{id}/cancel",
  "POST /v1/members/me/needs/{id}/answers",
  "POST /v1/professionals/{id}/contact-requests",
  "POST /v1/signups",
  "PUT /v1/admin/needs/{id}",
  "PUT /v1/admin/needs/{id}/responses/{responseId}/outcome",
  "PUT /v1/members/me/chapters",
  "PUT /v1/members/me/profile"
]);

/** The audience of each profile field left out of `visibility` (ProfessionalVisibility's defaults), in the contract's order. */
export const profileDefaults = {
  "title": "public",
  "profession": "public",
  "givenName": "public",
  "familyName": "public",
  "givenNameAr": "public",
  "familyNameAr": "public",
  "specialties": "public",
  "country": "public",
  "city": "members",
  "affiliations": "members",
  "credentials": "members",
  "languages": "public",
  "medicalSchool": "members",
  "chapters": "public",
  "offers": "public",
  "bio": "public"
} as const;
