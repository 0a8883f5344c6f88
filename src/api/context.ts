import type { Runtime } from '../queue/runtime.js';
import type { Store } from '../store/store.js';
import type { Users } from '../store/users.js';
import type { Review } from '../store/review.js';
import type { Auth } from './auth.js';
import type { ServerOptions } from './config.js';
import type { ImageCache } from './images/cache.js';
import type { Processor } from './processing.js';
import type { ApiRoutes } from './route.js';
import type { UploadChecker } from './upload-check.js';

/** What every group of routes is built from. */
export interface ApiContext {
  rt: Runtime;
  store: Store;
  users: Users;
  review: Review;
  auth: Auth;
  opts: ServerOptions;
  images: ImageCache;
  processor: Processor;
  routes: ApiRoutes;
  /** checks uploads in capped child processes */
  uploadChecker: UploadChecker;
}
