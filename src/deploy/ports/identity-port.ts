/** STS: which account the credentials act in. */

export interface IdentityPort {
  /** STS GetCallerIdentity: the account the credentials act in. */
  callerAccount(): Promise<string>;
}
