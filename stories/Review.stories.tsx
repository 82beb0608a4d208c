import type { Meta, StoryObj } from '@storybook/react-vite';
import { fn } from 'storybook/test';
import type { CapturedImage } from '../src/core/flow.ts';
import { ReviewScreen, type ReviewItem } from '../src/ui/screens/ReviewScreen.tsx';
import { billPdf, documentPhoto, selfie } from './fixtures.ts';

const meta = {
  title: 'Screens/5 Review',
  component: ReviewScreen,
  args: { eyebrow: 'Step 7 of 7', items: [], onRetake: fn(), onSubmit: fn(), onBack: fn() },
  loaders: [async () => ({ front: await documentPhoto('front'), back: await documentPhoto('back'), face: await selfie() })],
} satisfies Meta<typeof ReviewScreen>;
export default meta;
type Story = StoryObj<typeof meta>;

type Loaded = { front: CapturedImage; back: CapturedImage; face: CapturedImage };
const items = ({ front, back, face }: Loaded, extra: ReviewItem[] = []): ReviewItem[] => [
  { name: 'FRONT', title: 'Front of your identity card', image: front },
  { name: 'BACK', title: 'Back of your identity card', image: back },
  { name: 'FACE', title: 'A photo of your face', image: face },
  ...extra,
];

export const AllPhotos: Story = { render: (args, { loaded }) => <ReviewScreen {...args} items={items(loaded as Loaded)} /> };
export const WithProofOfAddressPdf: Story = {
  render: (args, { loaded }) => <ReviewScreen {...args} items={items(loaded as Loaded, [{ name: 'UTILITY_BILL', title: 'Proof of address', image: billPdf() }])} />,
};
export const OneMissing: Story = {
  render: (args, { loaded }) => <ReviewScreen {...args} items={items(loaded as Loaded).map((item) => (item.name === 'BACK' ? { ...item, image: undefined } : item))} />,
};
export const Dark: Story = { ...AllPhotos, globals: { scheme: 'dark' } };
export const Latvian: Story = { ...AllPhotos, globals: { locale: 'lv' } };
