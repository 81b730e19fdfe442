import { z } from 'zod';
import { TRAFFIC_LIMITS } from '../models/traffic';
import { safePath } from '../k8s/traffic/transport';
import { dnsLabel, dnsSubdomain } from '../validation';

// Bodies and parameters of the traffic and canary routes. Every bound here is enforced again by the
// engine (lib/k8s/traffic/engine.ts): a body can ask for less, never for more.

const int = (what: string, min: number, max: number) =>
  z
    .number({ error: (i) => (i.input === undefined ? 'is required' : `must be a number (${what})`) })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max.toLocaleString('en-US')}`);

const path = z
  .string({ error: 'must be a string' })
  .refine(
    (p) => safePath(p) !== null,
    'must start with "/" and use only letters, digits, . _ ~ / - and a simple ?query (no "..", no "//", no %)',
  );

/** A Service port: its name (IANA_SVC_NAME) or its number. */
const port = z
  .string()
  .regex(/^([a-z0-9]([-a-z0-9]*[a-z0-9])?|\d{1,5})$/, 'must be a port name or number')
  .max(15);

export const serviceParams = z.object({ namespace: dnsLabel, service: dnsLabel });

const { probe, split, load, ws } = TRAFFIC_LIMITS;

export const probeBody = z
  .object({
    port: port.optional(),
    path: path.default('/'),
    intervalMs: int('milliseconds', probe.intervalMsMin, probe.intervalMsMax).default(
      probe.intervalMsDefault,
    ),
    durationSeconds: int('seconds', 1, probe.durationSecondsMax).default(probe.durationSecondsDefault),
  })
  .strict();

export const splitBody = z
  .object({
    port: port.optional(),
    path: path.default('/version'),
    samples: int('requests', 10, split.samplesMax).default(split.samplesDefault),
  })
  .strict();

export const loadBody = z
  .object({
    port: port.optional(),
    path,
    concurrency: int('requests in flight', 1, load.concurrencyMax).default(load.concurrencyDefault),
    rate: int('requests per second', 1, load.rateMax).nullable().default(null),
    durationSeconds: int('seconds', 1, load.durationSecondsMax).default(load.durationSecondsDefault),
    keepAlive: z.boolean({ error: 'must be true or false' }).default(true),
  })
  .strict();

export const wsBody = z
  .object({
    port: port.optional(),
    path: path.default('/ws'),
    clients: int('WebSocket clients', 1, ws.clientsMax).default(ws.clientsDefault),
    messages: int('messages per client', 1, ws.messagesMax).default(ws.messagesDefault),
    pauseMs: int('milliseconds between messages', 0, ws.pauseMsMax).default(0),
    durationSeconds: int('seconds', 1, ws.durationSecondsMax).default(ws.durationSecondsDefault),
  })
  .strict();

const replicas = (max: number) => int('replicas', 0, max);

export const canaryBody = (maxReplicas: number) =>
  z.discriminatedUnion(
    'action',
    [
      z
        .object({ action: z.literal('replicas'), deployment: dnsSubdomain, replicas: replicas(maxReplicas) })
        .strict(),
      z
        .object({
          action: z.literal('ratio'),
          stable: dnsSubdomain,
          canary: dnsSubdomain,
          stableReplicas: replicas(maxReplicas),
          canaryReplicas: replicas(maxReplicas),
        })
        .strict()
        .refine((b) => b.stable !== b.canary, {
          message: 'must name two different Deployments',
          path: ['canary'],
        }),
      z
        .object({ action: z.literal('promote'), stable: dnsSubdomain, canary: dnsSubdomain })
        .strict()
        .refine((b) => b.stable !== b.canary, {
          message: 'must name two different Deployments',
          path: ['canary'],
        }),
      z.object({ action: z.literal('abort'), canary: dnsSubdomain }).strict(),
    ],
    { error: 'action: must be "replicas", "ratio", "promote" or "abort"' },
  );

export const ingressWeightBody = z.object({ weight: int('weight', 0, 1_000_000) }).strict();
export const httpRouteWeightBody = z
  .object({
    rule: int('rule index', 0, 63),
    backend: int('backendRef index', 0, 63),
    weight: int('weight', 0, 1_000_000),
  })
  .strict();
export const objectParams = z.object({ namespace: dnsLabel, name: dnsSubdomain });

/** POST .../httproutes/{name}/split: a sample through the gateway's entry. */
export const routeSplitBody = z
  .object({
    rule: int('rule index', 0, 63).optional(),
    path: path.default('/version'),
    samples: int('requests', 10, split.samplesMax).default(split.samplesDefault),
  })
  .strict();
