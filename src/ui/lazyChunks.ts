/**
 * The parts of the widget that are chunks of their own, fetched after the first screen: the image
 * step (file intake, drop zone, compression client) as soon as a flow starts, and the camera
 * (src/ui/camera, src/capture) only when the session's steps offer it. Both are asked for before
 * the person reaches a photo, so in practice the step never waits for them. The draft store has its
 * own loader (src/resume/lazyDraftStore.ts).
 */
export const loadImageStepScreen = () => import('./screens/ImageStepScreen.tsx');
export const loadImageSources = () => import('./camera/ImageSources.tsx');
