// One definition for both tiers, so an id the web forwards is never replaced by the API.
export { isValidRequestId, REQUEST_ID_HEADER } from "@cartograph/contracts";
