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
    types: 'JPEG, PNG, WebP or HEIC photo',
    typesWithPdf: 'JPEG, PNG, WebP or HEIC photo, or a PDF',
    preparing: 'Preparing your photo…',
    ready: 'Photo ready: {{width}} × {{height}} pixels, {{size}}.',
    pdfReady: 'PDF ready: {{name}}, {{size}}.',
    preview: 'Preview of {{step}}',
  },
  camera: {
    open: 'Take a photo',
    openAgain: 'Take a new photo',
    permissionNote: 'Your browser will ask if this page may use the camera.',
    unavailableNote: '{{reason}}: you can upload a photo instead.',
    captureOnly: 'This step needs a photo taken with a camera; uploading a file is not possible here.',
    noWay: 'This step cannot be completed on this page. Please contact the service that sent you here.',
    starting: 'Starting the camera…',
    live: 'The camera is on.',
    liveNamed: 'The camera is on: {{camera}}.',
    shutter: 'Take photo',
    capturing: 'Taking the photo…',
    captureFailed: 'The photo could not be taken. Please try again.',
    switch: 'Switch camera',
    uploadInstead: 'Upload a file instead',
    resume: 'Turn the camera on',
    taken: 'Photo taken. Check that it is sharp and everything is readable.',
    checkStill: 'Is it sharp, with everything readable and nothing cut off?',
    stillAlt: 'The photo you just took',
    retake: 'Retake',
    use: 'Use this photo',
    guide: {
      CARD: 'Fit the whole card inside the frame',
      PASSPORT_PAGE: 'Fit the whole photo page inside the frame',
      A4_PAGE: 'Fit the whole page inside the frame',
      FACE: 'Fit your face inside the oval and look straight at the camera',
      NONE: 'Fit the whole document in view and hold still',
    },
    error: {
      INSECURE_CONTEXT: {
        title: 'The camera needs a secure connection',
        text: 'Browsers allow the camera only on pages opened over HTTPS. Open this page from its https:// address.',
      },
      UNSUPPORTED: {
        title: 'This browser cannot use the camera',
        text: 'Open this page in an up-to-date Chrome, Safari, Firefox or Edge. If you opened the link inside another app, choose “Open in browser”.',
      },
      BLOCKED: {
        title: 'The camera is not allowed on this page',
        text: 'The website showing this page does not let it use the camera. Open the verification in its own browser tab, or contact the service that sent you here.',
      },
      PERMISSION_DENIED: {
        title: 'Camera access is blocked',
        text: 'Select the camera or lock icon in the address bar and allow the camera for this site, then try again. On an iPhone: tap “aA” in the address bar, then Website Settings, Camera, Allow. If it is still blocked, check that your device’s settings let this browser use the camera.',
      },
      NO_CAMERA: {
        title: 'No camera found',
        text: 'Connect a camera and try again, or continue on a phone.',
      },
      CAMERA_BUSY: {
        title: 'The camera is being used by something else',
        text: 'Another app or browser tab is using the camera. Close it (video calls often keep the camera), then try again.',
      },
      CONSTRAINTS: {
        title: 'The camera could not be started',
        text: 'Your camera did not accept any of the settings we tried. Try again, or connect another camera.',
      },
      ENDED: {
        title: 'The camera stopped',
        text: 'The camera was disconnected or turned off. Check that it is connected, then try again.',
      },
      PAUSED: {
        title: 'The camera is off',
        text: 'We turned the camera off while this page was in the background.',
      },
      UNKNOWN: {
        title: 'The camera could not be started',
        text: 'Something went wrong while starting the camera. Please try again.',
      },
    },
  },
  fileError: {
    MULTIPLE_FILES: 'Please choose one file at a time.',
    UNSUPPORTED_TYPE: 'This file is not a JPEG, PNG, WebP or HEIC photo. Please choose a photo.',
    HEIC: 'This HEIC photo could not be converted in this browser. Please choose a JPEG or change the camera format to “Most compatible”.',
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
    checking: 'Checking whether your photos arrived…',
    offline: 'No connection. Your photos are kept and will be sent as soon as you are back online.',
    retrying: 'Sending did not work. Trying again by itself ({{retry}} of {{of}})…',
    renewing: 'Your session has ended. Starting a new one for the same photos…',
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
    UNKNOWN: 'Something unexpected went wrong. Please try again. If it happens again, contact the service that sent you here and give them the reference below.',
    code: 'Error code: {{code}}',
    INVALID_IMAGE: 'One of the photos was not accepted. Please take it again and send it.',
    reference: 'Reference: {{reference}}',
  },
  connection: {
    offline: 'You are offline. Your photos stay on this device until the connection is back.',
    online: 'Back online.',
  },
  sessionTime: {
    low: 'Less than two minutes left to send your photos.',
    lastMinute: 'Less than a minute left to send your photos.',
    expiredRenewable: 'Your session has ended. Your photos are kept: when you send them, a new session starts by itself.',
    expired: 'Your session has ended. Please start again from the service that sent you here.',
  },
  restore: {
    restored: 'Welcome back: your earlier choices and photos are still here.',
    startOver: 'Start over',
    confirm: 'Delete your photos and choices and start over?',
    keep: 'Keep them',
    confirmStartOver: 'Delete and start over',
  },
  vendorError: {
    MISSING_VALUE: 'Something the verification needs did not arrive. Please check your photos and send them again.',
    DOCUMENT_NOT_ACCEPTED: 'This document from this country is not accepted. Please choose another document or country.',
    IMAGE_TOO_LARGE: 'A photo is too large for the verification service. Please take it again.',
    INVALID_IMAGE: 'The verification service could not read one of the photos. Please take it again.',
    DAMAGED_REQUEST: 'Your photos did not arrive intact. Please send them again.',
    REQUEST_TIMEOUT: 'The connection was too slow to send your photos. Please try again, on Wi-Fi if you can; your photos are kept.',
    UNAUTHORIZED: 'Your photos could not be accepted because of a problem on the service’s side. Please try again later or contact the service that sent you here.',
    SCAN_NOT_FOUND: 'The verification this upload belongs to could not be found. Please contact the service that sent you here.',
    ADDITIONAL_STEPS_NOT_ENABLED: 'This verification does not accept additional documents. Please contact the service that sent you here.',
    REUPLOAD_NOT_FOUND: 'This upload link is no longer valid. Please ask the service that sent you here for a new one.',
    SESSION_NOT_CREATED: 'The verification could not be started because of a setting on the service’s side. Please contact the service that sent you here.',
  },
  vendorErrorStep: {
    MISSING_VALUE: '“{{step}}” did not arrive. Please add it again; your other photos are kept.',
    INVALID_VALUE: '“{{step}}” was not accepted. Please take it again; your other photos are kept.',
    IMAGE_TOO_LARGE: '“{{step}}” is too large for the verification service. Please take it again; your other photos are kept.',
    INVALID_IMAGE: 'The verification service could not read “{{step}}”. Please take it again; your other photos are kept.',
  },
  handoff: {
    offer: 'Continue on your phone',
    offerHint: 'Take the photos with your phone’s camera; this page moves on by itself when you are done.',
    offerNeeded: 'This step needs a camera: continue on your phone.',
    title: 'Continue on your phone',
    scan: 'Scan this code with your phone’s camera, or open the link below on your phone.',
    qrLabel: 'QR code with the link to continue on your phone',
    linkLabel: 'Link for your phone',
    copy: 'Copy link',
    copied: 'Link copied',
    what: 'Your country and document choices go to the phone; the photos are taken there. The code is renewed by itself before it expires.',
    connected: 'Phone connected',
    connectedText: 'Continue on your phone. Keep this page open.',
    step: 'On your phone: photo {{step}} of {{of}}',
    sending: 'Your phone is sending the photos…',
    keepOpen: 'This page moves on by itself when the phone has sent them.',
    expiredTitle: 'The code has expired',
    expiredText: 'Show a new code and scan it with your phone.',
    newCode: 'Show a new code',
    hereInstead: 'Continue here instead',
    failed: 'A code for your phone could not be made. Try again, or continue here.',
    refusedTitle: 'This link can no longer be used',
    refusedClaimed: 'It was already opened on another device.',
    refusedExpired: 'It has expired.',
    refusedRevoked: 'It was cancelled on the computer.',
    refusedScan: 'Scan the new code on the computer to continue on this phone.',
    showCode: 'Show a QR code',
  },
};

export default en;

/** i18next's plural suffixes (`count` picks one by the language's `Intl.PluralRules`). */
type PluralSuffix = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
type Plural = `${string}_${PluralSuffix}`;
/**
 * Every English key, as any string, in every language; plural forms are the ones each language
 * has (Russian `_few`/`_many`, Japanese `_other` alone), which test/unit/i18n.test.ts checks.
 */
type Widen<T> = { [K in keyof T as K extends Plural ? never : K]: T[K] extends string ? string : Widen<T[K]> } & { [key: Plural]: string };
export type Messages = Widen<typeof en>;
