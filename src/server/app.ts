import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { type ZodTypeProvider, jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import '../shared/common.js';
import { auditRoutes } from './audit/routes.js';
import { registerAuthentication } from './auth/plugin.js';
import { authRoutes } from './auth/routes.js';
import type { AppDeps } from './context.js';
import { commissionerRoutes } from './commissioners/routes.js';
import { divisionRoutes } from './divisions/routes.js';
import { enterpriseRoutes } from './enterprises/routes.js';
import { eventRoutes } from './events/routes.js';
import { fileRoutes } from './files/routes.js';
import { followupRoutes } from './followups/routes.js';
import { milestoneRoutes } from './milestones/routes.js';
import { databaseFailureError, registerErrorHandling } from './http/error-handler.js';
import { orgRoutes } from './orgs/routes.js';
import { projectRoutes } from './projects/routes.js';
import { referenceRoutes } from './reference/routes.js';
import { reportRoutes } from './reports/routes.js';
import { searchRoutes } from './search/routes.js';
import { exportRoutes } from './io/routes.js';
import { setupRoutes } from './setup/routes.js';
import { userRoutes } from './users/routes.js';
import { visitRoutes } from './visits/routes.js';
import { worklistRoutes } from './worklists/routes.js';
import { APP_VERSION } from './version.js';

const DEFAULT_WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

/**
 * Content-Security-Policy of every response, the web app's and Swagger UI's at /api/docs alike:
 * scripts only from our own files (the Vite build has no inline script); inline styles allowed
 * because antd and Swagger UI write style attributes and <style> tags at run time; images also as
 * data: (the favicon, Swagger UI's icons) and blob: (previews of uploads); nobody may frame us.
 * No upgrade-insecure-requests and no HSTS: a county bureau may serve keguan over plain HTTP on
 * its LAN, where upgrading would break every asset; TLS belongs to the proxy that terminates it.
 */
const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    connectSrc: ["'self'"],
    fontSrc: ["'self'", 'data:'],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    objectSrc: ["'none'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    workerSrc: ["'self'", 'blob:'],
  },
};

/** Past this a declared body is not read to its end: the connection is closed instead (Fastify's own behaviour). */
const DRAIN_CAP_BYTES = 64 * 1024 * 1024;

/**
 * A JSON body declared larger than the limit is read to its end and dropped before the 413 is sent.
 * Fastify answers as soon as it sees the Content-Length and closes the socket while the client is
 * still writing, so the client (a browser, fetch) often sees a broken pipe instead of the error.
 * Uploads (multipart) are limited by the upload limit, not this one.
 */
function drainOversizedBodies(app: FastifyInstance, defaultLimit: number): void {
  app.addHook('preParsing', async (request, _reply, payload) => {
    const declared = Number(request.headers['content-length']);
    const limit = request.routeOptions.bodyLimit ?? defaultLimit;
    if (!(declared > limit) || declared > DRAIN_CAP_BYTES || String(request.headers['content-type'] ?? '').startsWith('multipart/')) return payload;
    for await (const chunk of payload) void chunk;
    throw Object.assign(new Error('request body too large'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 });
  });
}

export interface BuildAppOptions {
  /** A pino logger config, or false for silence (tests). */
  logger?: boolean | object;
}

/** Builds the Fastify app on an open database; the caller listens and closes. */
export async function buildApp(deps: AppDeps, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? { level: deps.config.logLevel },
    trustProxy: deps.config.trustProxy,
    bodyLimit: deps.config.bodyLimitBytes,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.decorate('deps', deps);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Only JSON and multipart are accepted: a text/plain post is what a cross-site form can send.
  app.removeContentTypeParser('text/plain');
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  registerErrorHandling(app);
  drainOversizedBodies(app, deps.config.bodyLimitBytes);
  // Security headers on every response, pages and API alike (helmet's defaults, adjusted above).
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
  });
  await app.register(cookie);
  await app.register(multipart, {
    limits: { fileSize: deps.config.uploadLimitBytes, files: 10, fields: 20, fieldSize: 100_000 },
    throwFileSizeLimit: true,
  });
  registerAuthentication(app);

  await app.register(swagger, {
    openapi: {
      info: {
        title: '科管 keguan API',
        version: APP_VERSION,
        description: '县科技局台账与工作总结系统的 HTTP 接口。登录后凭 Cookie 调用,脚本可用个人 API 令牌(Authorization: Bearer)。',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, cookie: { type: 'apiKey', in: 'cookie', name: 'keguan_sid' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  await app.register(
    async (api) => {
      api.get(
        '/health',
        {
          config: { public: true },
          schema: {
            tags: ['系统'],
            summary: '健康检查(数据库不应答时 503,db 为 down)',
            response: {
              200: z.object({ status: z.literal('ok'), db: z.enum(['sqlite', 'postgres']), version: z.string() }),
              503: z.object({
                status: z.literal('down'),
                db: z.literal('down'),
                dialect: z.enum(['sqlite', 'postgres']),
                version: z.string(),
                error: z.object({ code: z.literal('UNAVAILABLE'), message: z.string(), requestId: z.string() }),
              }),
            },
          },
        },
        async (request, reply) => {
          try {
            await deps.db.selectFrom('app_meta').select('key').limit(1).execute();
          } catch (err) {
            // A monitor wants a clear "down", not an error page; the log keeps the reason.
            request.log.error({ err }, 'health check: database does not answer');
            const failure = databaseFailureError(err);
            const message = failure?.code === 'UNAVAILABLE' ? failure.message : '数据库无法访问,请联系管理员';
            return reply
              .status(503)
              .header('retry-after', '5')
              .send({
                status: 'down' as const,
                db: 'down' as const,
                dialect: deps.dialect,
                version: APP_VERSION,
                error: { code: 'UNAVAILABLE' as const, message, requestId: request.id },
              });
          }
          return { status: 'ok' as const, db: deps.dialect, version: APP_VERSION };
        },
      );
      await api.register(authRoutes);
      await api.register(userRoutes);
      await api.register(setupRoutes);
      await api.register(orgRoutes);
      await api.register(divisionRoutes);
      await api.register(referenceRoutes);
      await api.register(auditRoutes);
      await api.register(fileRoutes);
      // before the ledgers' /:id routes only for readability: find-my-way prefers static segments anyway
      await api.register(exportRoutes);
      await api.register(enterpriseRoutes);
      await api.register(visitRoutes);
      await api.register(projectRoutes);
      await api.register(followupRoutes);
      await api.register(milestoneRoutes);
      await api.register(eventRoutes);
      await api.register(commissionerRoutes);
      await api.register(worklistRoutes);
      await api.register(reportRoutes);
      await api.register(searchRoutes);
    },
    { prefix: '/api' },
  );

  const webDir = deps.config.webDir ?? DEFAULT_WEB_DIR;
  const hasWeb = fs.existsSync(path.join(webDir, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false, index: false });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET') {
      return reply.status(404).send({ error: { code: 'NOT_FOUND', message: '接口不存在', requestId: request.id } });
    }
    if (!hasWeb) {
      return reply.status(404).type('text/plain; charset=utf-8').send('网页尚未构建:请先运行 npm run build');
    }
    // The single-page app handles every other path itself.
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });

  return app;
}
