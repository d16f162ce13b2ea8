/**
 * The API Gateway v2 model of one account and region: APIs with their routes, integrations and stages. Records
 * are kept in the wire shape (restJson1 with lowerCamel member names, ISO 8601 timestamps), since that is both
 * what arrives and what is answered. State and rules, no HTTP.
 */
import { createHash } from 'node:crypto';
import type { ServiceModel, SimWorld } from '../../types.js';
import { notFound } from './errors.js';

export type WireRecord = Record<string, unknown>;

export interface ApiRecord {
  api: WireRecord;
  routes: Map<string, WireRecord>;
  integrations: Map<string, WireRecord>;
  stages: Map<string, WireRecord>;
}

export class ApiGatewayV2Model implements ServiceModel {
  readonly apis = new Map<string, ApiRecord>();
  private counter = 0;

  constructor(
    readonly world: SimWorld,
    readonly account: string,
    readonly region: string,
  ) {}

  now(): string {
    return new Date(this.world.clock.now()).toISOString();
  }

  /**
   * A new identifier of `length` lowercase letters and digits, as API Gateway's look. Derived from the account,
   * region and a counter, so that a scenario seeds the same ids every time.
   */
  newId(kind: string, length: number): string {
    const digest = createHash('sha256')
      .update(`${this.account}/${this.region}/${kind}/${++this.counter}`)
      .digest();
    return [...digest.subarray(0, length)].map((byte) => 'abcdefghijklmnopqrstuvwxyz0123456789'[byte % 36]).join('');
  }

  requireApi(apiId: unknown): ApiRecord {
    const record = typeof apiId === 'string' ? this.apis.get(apiId) : undefined;
    if (record === undefined) throw notFound('API', `${this.account}:${String(apiId)}`);
    return record;
  }

  snapshot(): unknown {
    return {
      apis: [...this.apis.values()].map((record) => ({
        ...record.api,
        routes: [...record.routes.values()],
        integrations: [...record.integrations.values()],
        stages: [...record.stages.values()],
      })),
    };
  }
}
