export interface SignInState {
  /** Given back so the form keeps it; the password never is. */
  email: string;
  fieldErrors: { email?: string; password?: string };
  /** What went wrong for the form as a whole (credentials, lock-out, API unreachable). */
  error?: string;
}

export const INITIAL_SIGN_IN_STATE: SignInState = { email: "", fieldErrors: {} };
