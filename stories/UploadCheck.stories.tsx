import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, within } from 'storybook/test';
import type { CapturedImage } from '../src/core/flow.ts';
import type { UploadFinding } from '../src/quality/uploadFindings.ts';
import { FlaggedUpload } from '../src/ui/FlaggedUpload.tsx';
import { documentPhoto } from './fixtures.ts';

/** An uploaded photo that failed a check, as the image step shows it before keeping it: one story per message. */
const meta = {
  title: 'Screens/4 Image step/Upload checks',
  component: FlaggedUpload,
  args: { findings: [{ code: 'blur' }], strict: false, onChooseAnother: fn(), onUseAnyway: fn(), image: undefined as unknown as CapturedImage },
  loaders: [async () => ({ image: await documentPhoto('front') })],
  render: (args, { loaded }) => <FlaggedUpload {...args} image={loaded.image as CapturedImage} />,
} satisfies Meta<typeof FlaggedUpload>;
export default meta;
type Story = StoryObj<typeof meta>;

const finding = (...findings: UploadFinding[]): Story => ({ args: { findings } });

export const Blurred: Story = {
  ...finding({ code: 'blur' }),
  play: async ({ canvasElement }) => {
    const screen = within(canvasElement);
    await expect(screen.getByRole('alert')).toHaveTextContent('blurred');
    await expect(screen.getByRole('button', { name: 'Choose another file' })).toHaveFocus();
    await expect(screen.getByRole('button', { name: 'Use it anyway' })).toBeVisible();
  },
};
export const Dark = finding({ code: 'dark' });
export const Bright = finding({ code: 'bright' });
export const Glare = finding({ code: 'glare' });
export const NoDocument = finding({ code: 'noDocument' });
export const CutOff = finding({ code: 'cutOff' });
export const TooSmall = finding({ code: 'tooFar' });
export const LowResolution = finding({ code: 'lowResolution', width: 960, height: 720, limit: 1200 });
export const Several = finding({ code: 'glare' }, { code: 'blur' }, { code: 'lowResolution', width: 1000, height: 750, limit: 1200 });
/** `qualityGate: 'strict'`: no way to keep it. */
export const Strict: Story = {
  args: { findings: [{ code: 'dark' }], strict: true },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).queryByRole('button', { name: 'Use it anyway' })).toBeNull();
  },
};
export const SeveralInGerman: Story = { ...Several, globals: { locale: 'de' } };
export const GlareInBulgarian: Story = { ...Glare, globals: { locale: 'bg' } };
export const BlurredDark: Story = { ...finding({ code: 'blur' }), globals: { scheme: 'dark' } };
