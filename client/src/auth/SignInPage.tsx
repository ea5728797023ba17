import { useRef, useState } from 'preact/hooks';
import { LIMITS } from '../contracts.ts';
import { ApiFailure, describe, type FieldErrors, unshownFields } from '../lib/api.ts';
import { usePage } from '../lib/page.ts';
import { Link, navigate, route } from '../lib/router.tsx';
import { ErrorNote, Field, focusFirstInvalid } from '../ui/Field.tsx';
import { register, signIn, user } from './session.ts';

/** Only a path on this site: never an open redirect. */
function nextPath(): string {
  const next = route.value.query.get('next') ?? '/';
  return next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/signin') ? next : '/';
}

function useForm(fields: readonly string[]) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const run = async (action: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    setErrors({});
    setMessage(undefined);
    try {
      await action();
      navigate(nextPath(), { replace: true });
    } catch (err) {
      if (err instanceof ApiFailure && Object.keys(err.fields).length) {
        setErrors(err.fields);
        setMessage(unshownFields(err, fields));
        focusFirstInvalid(form.current);
      } else setMessage(describe(err));
    } finally {
      setBusy(false);
    }
  };
  return { errors, message, busy, form, run };
}

export function SignInPage() {
  usePage('Sign in');
  const me = user.value;
  if (me) {
    return (
      <section class="narrow">
        <h1>Signed in</h1>
        <p>
          You are signed in as <strong>{me.handle}</strong>. <Link href={nextPath()}>Continue</Link>
        </p>
      </section>
    );
  }
  return (
    <div class="auth-page">
      <SignInForm />
      <RegisterForm />
    </div>
  );
}

function SignInForm() {
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const f = useForm(['login', 'password']);
  return (
    <form
      ref={f.form}
      class="card"
      aria-labelledby="signin-heading"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void f.run(() => signIn(login, password));
      }}
    >
      <h1 id="signin-heading">Sign in</h1>
      <Field
        id="signin-login"
        label="Handle or email"
        autoComplete="username"
        value={login}
        error={f.errors.login}
        onInput={(e) => setLogin(e.currentTarget.value)}
      />
      <Field
        id="signin-password"
        label="Password"
        type="password"
        autoComplete="current-password"
        value={password}
        error={f.errors.password}
        onInput={(e) => setPassword(e.currentTarget.value)}
      />
      <ErrorNote message={f.message} />
      <button type="submit" class="primary" disabled={f.busy}>
        {f.busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}

function RegisterForm() {
  const [handle, setHandle] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const f = useForm(['handle', 'email', 'password']);
  return (
    <form
      ref={f.form}
      class="card"
      aria-labelledby="register-heading"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void f.run(() => register({ handle, email, password }));
      }}
    >
      <h2 id="register-heading">New here? Create an account</h2>
      <Field
        id="register-handle"
        label="Handle"
        autoComplete="username"
        hint={`${LIMITS.handleMin}–${LIMITS.handleMax} letters, digits, _ . or -; shown on your posts`}
        value={handle}
        error={f.errors.handle}
        onInput={(e) => setHandle(e.currentTarget.value)}
      />
      <Field
        id="register-email"
        label="Email"
        type="email"
        autoComplete="email"
        value={email}
        error={f.errors.email}
        onInput={(e) => setEmail(e.currentTarget.value)}
      />
      <Field
        id="register-password"
        label="Password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${LIMITS.passwordMin} characters`}
        value={password}
        error={f.errors.password}
        onInput={(e) => setPassword(e.currentTarget.value)}
      />
      <ErrorNote message={f.message} />
      <button type="submit" class="primary" disabled={f.busy}>
        {f.busy ? 'Creating…' : 'Create account'}
      </button>
    </form>
  );
}
