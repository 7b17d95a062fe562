/** Fault injection is venue-neutral; Gate's simulator uses the shared implementation. */
export { FaultState, parseFaultRequest, HTTP_ERROR_STATUSES, type FaultRequest } from '../../common/faults.js';
