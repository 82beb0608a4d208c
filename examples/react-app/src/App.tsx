import { useState } from 'react';
import { Onboarding, type ExitEvent, type OnboardingError, type StepChange } from 'markid-onboarding';

type Stage = { kind: 'booking' } | { kind: 'verifying' } | { kind: 'verified'; scanRef: string } | { kind: 'later' };

/**
 * A merchant's React app: the check-in of a car rental asks for the driver's licence. The widget is
 * one component; the app decides when it shows and what happens after.
 */
export function App() {
  const [stage, setStage] = useState<Stage>({ kind: 'booking' });
  const [locale, setLocale] = useState('en');
  const [step, setStep] = useState<StepChange | null>(null);

  return (
    <div className="shell">
      <header className="topbar">
        <strong>Tallinn Rent-a-Car</strong>
        <label>
          Language{' '}
          <select value={locale} onChange={(event) => setLocale(event.target.value)}>
            <option value="en">English</option>
            <option value="lt">Lietuvių</option>
            <option value="et">Eesti</option>
            <option value="de">Deutsch</option>
          </select>
        </label>
      </header>
      <main className="content">
        <h1>Check-in for booking TRC-4821</h1>
        {stage.kind === 'booking' && (
          <>
            <p>Before you pick up the car we need to see your driving licence and a selfie.</p>
            <button type="button" className="cta" onClick={() => setStage({ kind: 'verifying' })}>
              Verify my driving licence
            </button>
          </>
        )}
        {stage.kind === 'verifying' && (
          <section className="panel" aria-label="Identity verification">
            <Onboarding
              sessionUrl="/api/session"
              submitUrl="/api/submit"
              locale={locale}
              theme={{ '--mk-color-primary': '#0f6b4f', '--mk-radius': '6px' }}
              onStepChange={setStep}
              // The widget shows its own confirmation; the person leaves it with "Finish" (onExit).
              onComplete={({ scanRef }) => console.info('submitted', scanRef)}
              onError={(error: OnboardingError) => console.warn('verification error', error.code)}
              onExit={(event: ExitEvent) => setStage(event.reason === 'FINISHED' ? { kind: 'verified', scanRef: event.scanRef } : { kind: 'later' })}
            />
            {step && <p className="status">Analytics: now on {step.stepName ?? step.step ?? step.screen}</p>}
          </section>
        )}
        {stage.kind === 'verified' && (
          <p className="notice">Thank you. We received your documents (reference {stage.scanRef}); the keys will be ready.</p>
        )}
        {stage.kind === 'later' && (
          <p className="notice">
            No problem, you can verify at the desk.{' '}
            <button type="button" className="link" onClick={() => setStage({ kind: 'verifying' })}>
              Try again now
            </button>
          </p>
        )}
      </main>
    </div>
  );
}
