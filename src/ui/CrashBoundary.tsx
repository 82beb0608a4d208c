import { Component, type ReactNode } from 'react';
import type { OnboardingError } from '../core/errors.ts';

interface CrashBoundaryProps {
  fallback: (error: OnboardingError) => ReactNode;
  onCrash?: ((error: OnboardingError) => void) | undefined;
  children: ReactNode;
}

/**
 * A bug in a screen must not blank the host's page: the person gets our error screen and the host
 * an `onError` with code UNKNOWN. The exception's own text stays out of it (it may quote data).
 */
export class CrashBoundary extends Component<CrashBoundaryProps, { error: OnboardingError | null }> {
  override state = { error: null as OnboardingError | null };

  static getDerivedStateFromError(): { error: OnboardingError } {
    return { error: { code: 'UNKNOWN', detail: 'the widget failed to render' } };
  }

  override componentDidCatch(): void {
    if (this.state.error) this.props.onCrash?.(this.state.error);
  }

  override render(): ReactNode {
    return this.state.error ? this.props.fallback(this.state.error) : this.props.children;
  }
}
