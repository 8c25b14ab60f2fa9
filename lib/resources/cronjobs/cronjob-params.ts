import { z } from 'zod';

/** Bodies of the CronJob actions (zod at the trust boundary); the target comes from parseNamedScope. */
export const cronJobActionBody = z.strictObject({
  reason: z.string().max(500, 'a reason has at most 500 characters').optional(),
});
