import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { useTranslation } from '../src/i18n/react.tsx';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { captureGuide } from '../src/core/captureGuide.ts';
import type { CapturedImage } from '../src/core/flow.ts';
import type { ImageStep } from '../src/core/steps.ts';
import type { DocumentType } from '../src/core/token.ts';
import { ImageStepScreen } from '../src/ui/screens/ImageStepScreen.tsx';
import { stepWording } from '../src/ui/stepWording.ts';
import { makePdf } from '../test/pdfWriter.ts';
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

/**
 * The screen with the wording and camera guide the flow would give it for this step and document,
 * keeping the image it is given as the flow does, so a chosen file shows its preview.
 */
function ImageStepStory({ step, documentType, image, eyebrow, budgetBytes = BUDGET_BYTES, onImage, onContinue, onBack }: ImageStepStoryProps) {
  const { t, i18n } = useTranslation();
  const [kept, setKept] = useState(image);
  return (
    <ImageStepScreen
      eyebrow={eyebrow}
      step={step}
      wording={stepWording(t, step, documentType, i18n.language)}
      capture={captureGuide(step.role, documentType)}
      image={kept}
      budgetBytes={budgetBytes}
      onImage={(next) => {
        setKept(next);
        onImage(next);
      }}
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
  // The step's camera chunk comes first where the step allows the camera.
  const input = await waitFor(() => canvasElement.querySelector<HTMLInputElement>('input[type=file]') ?? Promise.reject(new Error('no file input')));
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
const pdfFile = (bytes: Uint8Array, name: string) => new File([bytes as Uint8Array<ArrayBuffer>], name, { type: 'application/pdf' });
/** A step budget that a drawn text page fits and the padded PDF does not. */
const OVER = 600_000;
const STATEMENT = [
  { text: ['EXAMPLE BANK', 'Account statement, page 1 of 3'] },
  { text: ['EXAMPLE BANK', 'Ona Petraityte', 'Gedimino pr. 1-23, LT-01103 Vilnius'] },
  { text: ['EXAMPLE BANK', 'Account statement, page 3 of 3'] },
];

/** A PDF within budget: sent as it is, its first page shown and its pages counted. */
export const PdfChosenWithinBudget: Story = {
  args: { step: STEPS.UTILITY_BILL },
  play: async ({ canvasElement }) => {
    await choose(canvasElement, [pdfFile(makePdf(STATEMENT), 'statement.pdf')]);
    const screen = within(canvasElement);
    await expect(await screen.findByRole('img', { name: /statement\.pdf/ }, { timeout: 20_000 })).toBeVisible();
    await expect(screen.getByText(/3 pages\./)).toBeVisible();
  },
};
/** A PDF over budget: the person picks the page with their address, which is sent as a picture. */
export const PdfOverBudgetPickAPage: Story = {
  args: { step: STEPS.UTILITY_BILL, budgetBytes: OVER },
  play: async ({ canvasElement }) => {
    await choose(canvasElement, [pdfFile(makePdf(STATEMENT, { padding: OVER }), 'statement.pdf')]);
    const screen = within(canvasElement);
    await expect(await screen.findByText(/Page 1 of 3 from statement\.pdf/, {}, { timeout: 20_000 })).toBeVisible();
    await userEvent.click(screen.getByRole('radio', { name: 'Page 2' }));
    await expect(await screen.findByText(/Page 2 of 3 from statement\.pdf/, {}, { timeout: 20_000 })).toBeVisible();
  },
};
export const PdfOverBudgetInLatvian: Story = {
  ...PdfOverBudgetPickAPage,
  globals: { locale: 'lv' },
  play: async ({ canvasElement }) => {
    await choose(canvasElement, [pdfFile(makePdf(STATEMENT, { padding: OVER }), 'statement.pdf')]);
    await expect(await within(canvasElement).findByRole('group', {}, { timeout: 20_000 })).toBeVisible();
  },
};
/** Fourteen pages: thumbnails of the first ten, and a list of all. */
export const PdfOverBudgetManyPages: Story = {
  args: { step: STEPS.UTILITY_BILL, budgetBytes: OVER },
  play: async ({ canvasElement }) => {
    await choose(canvasElement, [pdfFile(makePdf(Array.from({ length: 14 }, (_, i) => ({ text: [`Page ${i + 1}`] })), { padding: OVER }), 'long.pdf')]);
    const screen = within(canvasElement);
    await expect(await screen.findByRole('combobox', {}, { timeout: 20_000 })).toBeVisible();
    await expect(screen.getAllByRole('radio')).toHaveLength(10);
  },
};
export const FileErrorPdfBlankPage: Story = {
  args: { step: STEPS.UTILITY_BILL, budgetBytes: OVER },
  play: async ({ canvasElement }) => {
    await choose(canvasElement, [pdfFile(makePdf([STATEMENT[0]!, {}], { padding: OVER }), 'statement.pdf')]);
    const screen = within(canvasElement);
    // The first page is drawn first (the radios are disabled meanwhile), then the blank one is picked.
    await screen.findByText(/Page 1 of 2 from statement\.pdf/, {}, { timeout: 20_000 });
    await userEvent.click(screen.getByRole('radio', { name: 'Page 2' }));
    await expect(await screen.findByRole('alert', {}, { timeout: 20_000 })).toHaveTextContent(/blank/);
  },
};
export const FileErrorPdfEncrypted: Story = {
  args: { step: STEPS.UTILITY_BILL },
  play: async ({ canvasElement }) => {
    await choose(canvasElement, [pdfFile(makePdf(STATEMENT, { encrypted: true }), 'statement.pdf')]);
    await expect(await within(canvasElement).findByRole('alert', {}, { timeout: 20_000 })).toHaveTextContent(/password/);
  },
};
export const FileErrorPdfDamaged: Story = {
  args: { step: STEPS.UTILITY_BILL },
  play: async ({ canvasElement }) => {
    await choose(canvasElement, [pdfFile(makePdf(STATEMENT).subarray(0, 400), 'statement.pdf')]);
    await expect(await within(canvasElement).findByRole('alert', {}, { timeout: 20_000 })).toHaveTextContent(/damaged/);
  },
};
export const FileErrorPdfNoPages: Story = {
  args: { step: STEPS.UTILITY_BILL },
  play: async ({ canvasElement }) => {
    await choose(canvasElement, [pdfFile(makePdf([]), 'empty.pdf')]);
    await expect(await within(canvasElement).findByRole('alert', {}, { timeout: 20_000 })).toHaveTextContent(/no pages/);
  },
};
