import type { Meta, StoryObj } from '@storybook/react-vite';
import { IntakeStatus } from '../src/ui/IntakeStatus.tsx';
import type { IntakeFailure } from '../src/ui/useImageIntake.ts';

/** Every message the file intake can show under the drop zone, and the progress while it works. */
const meta = {
  title: 'Screens/4 Image step/File messages',
  component: IntakeStatus,
  args: { state: { kind: 'idle' } },
} satisfies Meta<typeof IntakeStatus>;
export default meta;
type Story = StoryObj<typeof meta>;

const failed = (code: IntakeFailure, limit?: number): Story => ({ args: { state: { kind: 'failed', code, ...(limit ? { limit } : {}) } } });

export const Preparing: Story = { args: { state: { kind: 'processing', progress: 0 } } };
export const PreparingHalfway: Story = { args: { state: { kind: 'processing', progress: 0.55 } } };
export const MultipleFiles = failed('MULTIPLE_FILES');
export const UnsupportedType = failed('UNSUPPORTED_TYPE');
export const Heic = failed('HEIC');
export const PdfNotAllowed = failed('PDF_NOT_ALLOWED');
export const EmptyFile = failed('EMPTY_FILE');
export const DecodeFailed = failed('DECODE_FAILED');
export const EncodeFailed = failed('ENCODE_FAILED');
export const TooLarge = failed('TOO_LARGE');
export const PdfTooLarge = failed('PDF_TOO_LARGE', 4_500_000);
export const TooLargeInHungarian: Story = { ...TooLarge, globals: { locale: 'hu' } };
export const DecodeFailedDark: Story = { ...DecodeFailed, globals: { scheme: 'dark' } };
