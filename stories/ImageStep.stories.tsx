import type { Meta, StoryObj } from '@storybook/react-vite';
import { useTranslation } from '../src/i18n/react.tsx';
import { expect, fn, userEvent, within } from 'storybook/test';
import { captureGuide } from '../src/core/captureGuide.ts';
import type { CapturedImage } from '../src/core/flow.ts';
import type { ImageStep } from '../src/core/steps.ts';
import type { DocumentType } from '../src/core/token.ts';
import { ImageStepScreen } from '../src/ui/screens/ImageStepScreen.tsx';
import { stepWording } from '../src/ui/stepWording.ts';
import { billPdf, BUDGET_BYTES, documentPhoto, selfie, STEPS, UPLOAD_ONLY_FRONT } from './fixtures.ts';

interface ImageStepStoryProps {
  step: ImageStep;
  documentType: DocumentType | null;
  image?: CapturedImage | undefined;
  eyebrow?: string;
  budgetBytes?: number;
  onImage: (image: CapturedImage) => void;
  onContinue: () => void;
  onBack: () => void;
}

/** The screen with the wording and camera guide the flow would give it for this step and document. */
function ImageStepStory({ step, documentType, image, eyebrow, budgetBytes = BUDGET_BYTES, onImage, onContinue, onBack }: ImageStepStoryProps) {
  const { t, i18n } = useTranslation();
  return (
    <ImageStepScreen
      eyebrow={eyebrow}
      step={step}
      wording={stepWording(t, step, documentType, i18n.language)}
      capture={captureGuide(step.role, documentType)}
      image={image}
      budgetBytes={budgetBytes}
      onImage={onImage}
      onContinue={onContinue}
      onBack={onBack}
    />
  );
}

const meta = {
  title: 'Screens/4 Image step',
  component: ImageStepStory,
  args: { step: UPLOAD_ONLY_FRONT, documentType: 'ID_CARD', eyebrow: 'Step 4 of 7', onImage: fn(), onContinue: fn(), onBack: fn() },
} satisfies Meta<typeof ImageStepStory>;
export default meta;
type Story = StoryObj<typeof meta>;

export const FrontOfIdCard: Story = {};
export const FrontWithCameraOffered: Story = { args: { step: STEPS.FRONT } };
export const PassportPhotoPage: Story = { args: { documentType: 'PASSPORT' } };
export const BackOfDrivingLicence: Story = { args: { step: STEPS.BACK, documentType: 'DRIVER_LICENSE', eyebrow: 'Step 5 of 7' } };
export const Selfie: Story = { args: { step: STEPS.FACE, eyebrow: 'Step 6 of 7' } };
export const ProofOfAddressPdfAllowed: Story = { args: { step: STEPS.UTILITY_BILL, eyebrow: 'Step 7 of 8' } };
export const MerchantStepWithOwnTexts: Story = { args: { step: STEPS.PAYSLIP } };
export const MerchantStepInLithuanian: Story = { args: { step: STEPS.PAYSLIP }, globals: { locale: 'lt' } };
export const MerchantStepInJapanese: Story = { args: { step: STEPS.PAYSLIP }, globals: { locale: 'ja' } };
export const CameraOnlyStep: Story = { args: { step: STEPS.LIVE_DOCUMENT } };

export const PhotoReady: Story = {
  loaders: [async () => ({ image: await documentPhoto('front') })],
  render: (args, { loaded }) => <ImageStepStory {...args} image={loaded.image as CapturedImage} />,
};
export const SelfieReady: Story = {
  args: { step: { ...STEPS.FACE, settings: { ...STEPS.FACE.settings, canCapture: false } } },
  loaders: [async () => ({ image: await selfie() })],
  render: (args, { loaded }) => <ImageStepStory {...args} image={loaded.image as CapturedImage} />,
};
export const PdfReady: Story = { args: { step: STEPS.UTILITY_BILL, image: billPdf() } };
export const PhotoReadyDark: Story = { ...PhotoReady, globals: { scheme: 'dark' } };
export const PhotoReadyFrench: Story = { ...PhotoReady, globals: { locale: 'fr' } };

/** The file errors met by choosing a real file: the screen's own intake decides, from the bytes. */
async function choose(canvasElement: HTMLElement, files: File[]) {
  const input = canvasElement.querySelector<HTMLInputElement>('input[type=file]');
  if (!input) throw new Error('no file input');
  await userEvent.upload(input, files, { applyAccept: false });
}

export const FileErrorNotAnImage: Story = {
  play: async ({ canvasElement }) => {
    await choose(canvasElement, [new File(['name,amount\nrent,900\n'], 'statement.csv', { type: 'text/csv' })]);
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(/JPEG|PNG|WebP/);
  },
};
export const FileErrorEmptyFile: Story = {
  play: async ({ canvasElement }) => {
    await choose(canvasElement, [new File([], 'empty.jpg', { type: 'image/jpeg' })]);
    await expect(await within(canvasElement).findByRole('alert')).toBeVisible();
  },
};
export const FileErrorPdfNotAllowed: Story = {
  play: async ({ canvasElement }) => {
    const pdf = billPdf();
    await choose(canvasElement, [new File([pdf.blob], 'scan.pdf', { type: 'application/pdf' })]);
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(/PDF/);
  },
};
export const FileErrorPdfTooLarge: Story = {
  args: { step: STEPS.UTILITY_BILL, budgetBytes: 100 },
  play: async ({ canvasElement }) => {
    const pdf = billPdf();
    await choose(canvasElement, [new File([pdf.blob], 'scan.pdf', { type: 'application/pdf' })]);
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(/PDF/);
  },
};
