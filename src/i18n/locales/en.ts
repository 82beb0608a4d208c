/**
 * English UI strings: the reference every other locale must match key for key (the `Messages`
 * type makes a missing key a compile error). Placeholders use i18next's {{name}} syntax.
 */
const en = {
  app: {
    title: 'Verify your identity',
    loading: 'Loading…',
    stepOf: 'Step {{current}} of {{total}}',
    language: 'Language',
  },
  actions: {
    continue: 'Continue',
    back: 'Back',
    start: 'Start',
    submit: 'Submit',
    retry: 'Try again',
    reload: 'Reload the page',
    chooseFile: 'Choose a file',
    chooseAnother: 'Choose another file',
    retake: 'Retake',
    backToReview: 'Back to review',
  },
  instructions: {
    title: 'Before you start',
    intro: 'It takes about two minutes. You will need:',
    document: 'Your identity document, valid and undamaged',
    light: 'Good light, without glare on the document',
    face: 'Your face clearly visible, without hat or sunglasses',
    privacy: 'Your photos go only to the service that asked for this check.',
  },
  country: {
    title: 'Which country issued your document?',
    search: 'Search for a country',
    countries: 'Countries',
    noMatch: 'No country matches “{{query}}”.',
    selected: 'Selected: {{country}}',
  },
  documentType: {
    title: 'Which document will you use?',
    ID_CARD: 'Identity card',
    PASSPORT: 'Passport',
    DRIVER_LICENSE: 'Driving licence',
    RESIDENCE_PERMIT: 'Residence permit',
    OTHER: 'Other document',
  },
  /** The document as it reads inside step.FRONT.title and step.BACK.title (case, article), nowhere else. */
  documentName: {
    ID_CARD: 'identity card',
    PASSPORT: 'passport',
    DRIVER_LICENSE: 'driving licence',
    RESIDENCE_PERMIT: 'residence permit',
    OTHER: 'document',
  },
  step: {
    FRONT: {
      title: 'Front of your {{document}}',
      hint: 'Place the document on a dark surface. All four corners visible, text readable, no glare.',
    },
    BACK: {
      title: 'Back of your {{document}}',
      hint: 'Turn the document over. All four corners visible, text readable, no glare.',
    },
    PASSPORT_FRONT: {
      title: 'Photo page of your passport',
      hint: 'Open the passport at the page with your photo. The whole page visible, text readable, no glare.',
    },
    FACE: {
      title: 'A photo of your face',
      hint: 'Look straight at the camera in good light. No hat, no sunglasses, nobody else in the picture.',
    },
    UTILITY_BILL: {
      title: 'Proof of address',
      hint: 'A utility bill or bank statement from the last 3 months showing your name and address.',
    },
    ADDITIONAL: {
      title: 'Additional document',
      hint: 'Upload the document the service asked for.',
    },
  },
  upload: {
    drop: 'Drag a file here, or',
    dropActive: 'Drop the file to use it',
    types: 'JPEG, PNG or WebP photo',
    typesWithPdf: 'JPEG, PNG or WebP photo, or a PDF',
    preparing: 'Preparing your photo…',
    ready: 'Photo ready: {{width}} × {{height}} pixels, {{size}}.',
    pdfReady: 'PDF ready: {{name}}, {{size}}.',
    preview: 'Preview of {{step}}',
    captureOnly: 'This step needs a photo taken with your camera, and this page cannot use a camera yet.',
    captureOnlyHelp: 'Please continue on a device with a camera, or contact the service that sent you here.',
    cameraSoon: 'Camera capture is coming; for now, upload a photo you took.',
  },
  fileError: {
    MULTIPLE_FILES: 'Please choose one file at a time.',
    UNSUPPORTED_TYPE: 'This file is not a JPEG, PNG or WebP photo. Please choose a photo.',
    HEIC: 'HEIC photos from iPhone are not supported yet. Please choose a JPEG or change the camera format to “Most compatible”.',
    PDF_NOT_ALLOWED: 'A PDF is not accepted for this step. Please choose a photo.',
    EMPTY_FILE: 'This file is empty. Please choose another one.',
    DECODE_FAILED: 'This photo could not be read; it may be damaged. Please choose another one.',
    ENCODE_FAILED: 'This photo could not be prepared. Please try again or choose another one.',
    TOO_LARGE: 'This file is too large to send, even after compression. Please choose a smaller one.',
    PDF_TOO_LARGE: 'This PDF is larger than {{limit}}. Please choose a smaller file or a photo.',
  },
  review: {
    title: 'Check your photos',
    intro: 'Make sure every photo is sharp and the text is readable. You can retake any of them.',
    retake: 'Retake: {{step}}',
    pdf: 'PDF document: {{name}}',
    missing: 'Missing: {{step}}',
  },
  submitting: {
    title: 'Sending your photos',
    /** {{percent}} comes formatted for the language, sign included: "42%", "42 %". */
    progress: 'Uploaded {{percent}}',
    wait: 'Please keep this page open.',
    processing: 'Uploaded. Waiting for confirmation…',
  },
  done: {
    title: 'Thank you, your photos were sent',
    text: 'We are checking your documents. You will be told the result by the service that asked for this check.',
    reference: 'Reference: {{scanRef}}',
  },
  exit: {
    close: 'Close',
    confirmTitle: 'Leave the verification?',
    confirmText: 'What you have done so far will not be kept, and you will have to start again.',
    stay: 'Stay',
    leave: 'Leave',
    finish: 'Finish',
  },
  error: {
    title: 'Something went wrong',
    SESSION_FAILED: 'The verification could not be started. Please reload the page or try again later.',
    NETWORK: 'Your photos could not be sent: the connection was lost. Check your internet connection and try again; your photos are kept.',
    TOKEN_EXPIRED: 'This verification link has expired. Please start again from the service that sent you here.',
    TOKEN_USED: 'This verification has already been submitted. There is nothing more to do.',
    UNAUTHORIZED: 'This verification is not valid. Please start again from the service that sent you here.',
    MISSING_IMAGE: 'A photo is missing: {{step}}. Please add it and send again.',
    INVALID_VALUE: 'Some of the information was not accepted. Please check your photos and try again.',
    REQUEST_TOO_LARGE: 'The photos are too large to send. Please retake them and try again.',
    RATE_LIMITED: 'Too many attempts right now. Please wait a minute and try again.',
    SERVER: 'The verification service is not answering right now. Please try again in a moment; your photos are kept.',
    UNKNOWN: 'The photos could not be sent. Please try again.',
    code: 'Error code: {{code}}',
  },
};

export default en;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof en>;
