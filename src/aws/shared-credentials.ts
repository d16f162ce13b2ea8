/**
 * One credential source per profile and endpoint, shared by every SDK client gitmoxi creates for it, so that
 * the default provider chain (environment keys, AWS_PROFILE / --profile, SSO, web identity from CI OIDC,
 * container and instance metadata) runs once instead of once per client and Region.
 *
 * The chain is the SDK's own: gitmoxi has no dependency on @aws-sdk/credential-providers, so the first client's
 * resolved default provider is borrowed through the clients' extension hook and handed to the others.
 */

interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

type CredentialsProvider = (identityProperties?: Record<string, unknown>) => Promise<Credentials>;

/** The part of an SDK client's extension configuration that holds its credentials. */
export interface CredentialsExtensionConfiguration {
  credentials(): Credentials | CredentialsProvider | undefined;
  setCredentials(credentials: Credentials | CredentialsProvider): void;
}

/** What LocalStack and other emulators accept; the gitmoxi simulator accepts any key. */
export const DUMMY_CREDENTIALS: Readonly<Credentials> = { accessKeyId: 'test', secretAccessKey: 'test' };

/** Errors of the provider chain that mean "nothing found", as opposed to a failure while fetching. */
const NOT_FOUND_ERRORS: ReadonlySet<string> = new Set(['CredentialsProviderError', 'TokenProviderError']);

export class SharedCredentials {
  private chain: CredentialsProvider | undefined;
  private usingDummy = false;

  /**
   * @param allowDummy with an endpoint override (simulator, LocalStack) a machine without credentials still
   * works: when the chain finds nothing, static `test`/`test` keys are used, as LocalStack users expect.
   */
  constructor(private readonly allowDummy: boolean) {}

  /** Given to every client as `extensions: [shared.extension]`. */
  readonly extension = {
    configure: (config: CredentialsExtensionConfiguration): void => {
      const own = config.credentials();
      if (typeof own !== 'function') return;
      this.chain ??= own;
      config.setCredentials(this.provide);
    },
  };

  /** True once the chain came up empty and the dummy keys are in use. */
  get fellBackToDummy(): boolean {
    return this.usingDummy;
  }

  private readonly provide: CredentialsProvider = async (identityProperties) => {
    if (this.usingDummy) return { ...DUMMY_CREDENTIALS };
    if (!this.chain) throw new Error('no credential provider chain was captured from an SDK client');
    try {
      return await this.chain(identityProperties);
    } catch (error) {
      if (!this.allowDummy || !(error instanceof Error) || !NOT_FOUND_ERRORS.has(error.name)) throw error;
      this.usingDummy = true;
      return { ...DUMMY_CREDENTIALS };
    }
  };
}
