import { createBullBoard } from '@bull-board/api';
import type { IServerAdapter } from '@bull-board/api/typings/app';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import { allQueues, type ApiQueues } from '../api-queues.js';
import { requireAdminSession } from '../auth/admin-session.js';
import type { ApiToken } from '../auth/api-token.js';

export const BOARD_PATH = '/admin/queues';

/** Bull Board at /admin/queues, every route of it (pages, static files, its JSON API) behind the token. */
export async function registerAdminBoard(app: FastifyInstance, queues: ApiQueues, token: ApiToken): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(BOARD_PATH);
  createBullBoard({
    queues: allQueues(queues).map((q) => new BullMQAdapter(q)),
    // @bull-board/fastify pins its own copy of @bull-board/api (9.10.1 beside our 9.10.2): the same
    // adapter contract at runtime, two declarations of it for the type checker.
    serverAdapter: serverAdapter as unknown as IServerAdapter,
    options: { uiConfig: { boardTitle: 'ofsted-monitor' } },
  });
  // An encapsulated context, so the session hook guards the board and nothing else.
  await app.register(async (board) => {
    board.addHook('onRequest', requireAdminSession(token, BOARD_PATH));
    await board.register(serverAdapter.registerPlugin(), { prefix: BOARD_PATH });
  });
}
