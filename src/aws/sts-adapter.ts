/** IdentityPort over @aws-sdk/client-sts. GetCallerIdentity needs no IAM permission. */
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import type { IdentityPort } from '../deploy/ports.js';
import { callAws } from './call-aws.js';

export class StsAdapter implements IdentityPort {
  private account: Promise<string> | undefined;

  constructor(private readonly sts: STSClient) {}

  /** STS GetCallerIdentity, asked once: the credentials of a run do not change account. A failure is not kept. */
  callerAccount(): Promise<string> {
    this.account ??= this.fetchAccount().catch((error: unknown) => {
      this.account = undefined;
      throw error;
    });
    return this.account;
  }

  private async fetchAccount(): Promise<string> {
    const output = await callAws('STS GetCallerIdentity', () => this.sts.send(new GetCallerIdentityCommand({})));
    if (output.Account === undefined) throw new Error('STS GetCallerIdentity answered without an Account');
    return output.Account;
  }
}
