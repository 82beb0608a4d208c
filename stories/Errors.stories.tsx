import type { Meta, StoryObj } from '@storybook/react-vite';
import { fn } from 'storybook/test';
import type { ErrorCode, OnboardingError } from '../src/core/errors.ts';
import { ErrorScreen } from '../src/ui/screens/ErrorScreen.tsx';

/** Every error code the flow can end on, with the way forward the flow offers for it. */
const meta = {
  title: 'Screens/8 Errors',
  component: ErrorScreen,
  args: { error: { code: 'UNKNOWN' } },
} satisfies Meta<typeof ErrorScreen>;
export default meta;
type Story = StoryObj<typeof meta>;

const retry = { label: 'Try again', run: fn() };
const review = { label: 'Back to review', run: fn() };
const story = (error: OnboardingError, extra: Partial<Story['args']> = {}): Story => ({ args: { error, ...extra } });
const retryable = (code: ErrorCode, status?: number): Story => story({ code, ...(status ? { status } : {}) }, { action: retry, secondary: review });

export const SessionFailed = story({ code: 'SESSION_FAILED', status: 502 }, { action: retry });
export const Network = retryable('NETWORK');
export const Server = retryable('SERVER', 503);
export const RateLimited = retryable('RATE_LIMITED', 429);
export const Unknown = retryable('UNKNOWN', 500);
export const TokenExpired = story({ code: 'TOKEN_EXPIRED', status: 410, identifier: 'TOKEN_EXPIRED' });
export const TokenUsed = story({ code: 'TOKEN_USED', status: 409, identifier: 'TOKEN_USED' });
export const Unauthorized = story({ code: 'UNAUTHORIZED', status: 401, identifier: 'UNAUTHORIZED' });
export const MissingImageForAStep = story(
  { code: 'MISSING_IMAGE', status: 400, identifier: 'MISSING_VALUE', step: 'BACK' },
  { stepTitle: 'Back of your identity card', action: { label: 'Retake: Back of your identity card', run: fn() } },
);
export const InvalidImage = story({ code: 'INVALID_IMAGE', status: 400, identifier: 'INVALID_IMAGE', step: 'FACE' }, { stepTitle: 'A photo of your face', action: { label: 'Retake: A photo of your face', run: fn() } });
export const InvalidValue = story({ code: 'INVALID_VALUE', status: 400, identifier: 'INVALID_COUNTRY' }, { action: review });
export const RequestTooLarge = story({ code: 'REQUEST_TOO_LARGE', status: 413, identifier: 'REQUEST_TOO_LARGE' }, { action: review });
export const WithSupportReference = story({ code: 'SERVER', status: 502, identifier: 'VENDOR_UNREACHABLE', reference: 'mk-7f3a9c' }, { action: retry, secondary: review });
export const NetworkInItalian: Story = { ...Network, globals: { locale: 'it' } };
export const TokenExpiredInBulgarian: Story = { ...TokenExpired, globals: { locale: 'bg' } };
export const ServerDark: Story = { ...Server, globals: { scheme: 'dark' } };
