/** An AWS error as the simulator returns it: the codec turns it into the protocol's error shape. */
export class SimError extends Error {
  constructor(
    /** AWS error code, e.g. `ServiceNotFoundException`, `ValidationError`. */
    readonly code: string,
    message: string,
    /** HTTP status AWS answers with for this error. */
    readonly status: number = 400,
    /** Client (Sender) or server (Receiver) fault, for awsQuery's <Type>. */
    readonly fault: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender',
  ) {
    super(message);
    this.name = code;
  }
}

/** The message of something caught: parsers throw Errors, but a `catch` sees `unknown`. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
