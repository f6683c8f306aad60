/** A worker's name in claims: see store/holder.ts, which the store also uses for captures being written. */
export {
  isDeadLocalHolder as isDeadLocalWorker,
  newHolderId as newWorkerId,
} from '../store/holder.js';
