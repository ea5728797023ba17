/** The believable launch the seed fills in: who, what they asked, and how they talked. */

export const STAFF = [
  { handle: 'ada', role: 'admin' },
  { handle: 'tomas_pm', role: 'team' },
  { handle: 'lena_eng', role: 'team' },
  { handle: 'maya_mod', role: 'moderator' },
] as const;

export const FANS = [
  'nightowl',
  'pixelpeeper',
  'runner_ro',
  'batterybenny',
  'quietcoder',
  'sam_travels',
  'gridlock',
  'astrid',
  'juno_b',
  'karthik',
  'mei_l',
  'ozzy',
  'priya_k',
  'lucas_dev',
  'wren',
];

export const ANNOUNCEMENTS = [
  {
    title: 'Introducing the Nimbus 7 phone',
    body: 'Nimbus 7 is here: a 6.3" display, a new periscope camera and two-day battery.\n\n**Tell us what you want next**: the team reads every suggestion.',
    pinned: true,
    daysAgo: 9,
  },
  {
    title: 'Weekly update 14: camera fixes and quieter notifications',
    body: 'This week:\n\n- Faster shutter in low light\n- Notification grouping\n- Fixed: Bluetooth drops in cars\n\nWhat should we tackle next?',
    pinned: false,
    daysAgo: 6,
  },
  {
    title: 'Weekly update 15: battery and widgets',
    body: 'Battery life improvements of up to 8% and two new widgets. Your ideas from update 14 are on the roadmap.',
    pinned: false,
    daysAgo: 1,
  },
];

/** [announcement index, title, body] */
export const SUGGESTIONS: [number, string, string][] = [
  [
    0,
    'Always-on display with a clock only mode',
    'The full AOD drains battery. A minimal clock-only mode would be perfect at night.',
  ],
  [
    0,
    'Bring back the notification LED',
    'I miss glancing at the phone to see if something came in. A tiny LED or an edge glow would do.',
  ],
  [
    0,
    'Dark mode schedule tied to sunset',
    'Switch to dark mode at local sunset instead of a fixed time.',
  ],
  [
    0,
    'Offer a 256 GB model without the premium colours',
    "Storage shouldn't be tied to the expensive finish.",
  ],
  [0, 'Per-app volume control', 'Let me keep music loud and games quiet, like desktop mixers.'],
  [
    0,
    'Macro mode on the main camera',
    'The ultrawide macro is soft. Use the main sensor for close-ups.',
  ],
  [
    0,
    'A case with a real kickstand',
    'Official case with a sturdy kickstand for watching videos on trains.',
  ],
  [0, 'Charging limit at 80%', 'Protect the battery long term: stop charging at 80% overnight.'],
  [
    0,
    'eSIM transfer from other brands',
    'Moving my eSIM from another phone took an hour with support. Make it a QR code.',
  ],
  [0, 'Haptics strength slider', 'The vibration is too strong for typing. Give us a slider.'],
  [
    0,
    'Lock screen shortcuts you can choose',
    'Camera and torch are fine, but I want the wallet and voice notes there.',
  ],
  [0, 'Stereo recording in video', 'Video audio is mono. Use both mics for stereo.'],
  [
    0,
    'Longer software support promise',
    'Seven years of updates would make me recommend this to everyone.',
  ],
  [0, 'Smaller variant for one-handed use', 'A 5.8" Nimbus 7 mini, please.'],
  [
    1,
    'Group notifications by conversation, not by app',
    'Ten messages from one chat should be one card.',
  ],
  [1, 'Quiet hours that follow my calendar', 'Mute everything during meetings marked busy.'],
  [
    1,
    'Low-light shutter: show a progress ring',
    "I can't tell how long to hold still. A ring would help.",
  ],
  [1, 'Bluetooth codec picker in quick settings', 'Switching codecs is buried five menus deep.'],
  [
    1,
    'Undo for swiped-away notifications',
    'I swipe too fast and lose the notification. A short undo bar please.',
  ],
  [1, 'RAW capture in the default camera app', 'Pro mode should allow DNG.'],
  [
    1,
    'Car mode that starts with Bluetooth',
    'When my car connects, open navigation and music automatically.',
  ],
  [1, 'Notification history search', 'Let me search the notification history.'],
  [1, 'Per-contact vibration patterns', 'Know who is calling without looking.'],
  [
    1,
    'Fix: alarm volume resets after update',
    'After update 14 my alarm volume went back to default.',
  ],
  [1, 'Scheduled send in the messages app', 'Write late, send in the morning.'],
  [1, 'Keep the camera in night mode if I choose it', 'It jumps back to auto after every shot.'],
  [1, 'Wi-Fi calling indicator in the status bar', 'I never know whether a call is on Wi-Fi.'],
  [2, 'Battery widget that shows my earbuds too', 'One widget for phone, watch and earbuds.'],
  [2, 'Widget for the next alarm', 'Show the next alarm and a skip button.'],
  [2, 'Battery usage by hour', 'Let me see what drained the battery between 2 and 4pm.'],
  [2, 'Adaptive charging based on alarms', 'Finish charging right before my alarm.'],
  [
    2,
    'Transparent widget backgrounds',
    'The new widgets have a solid background that clashes with wallpapers.',
  ],
  [2, 'Resizable weather widget', 'Make the weather widget fit a 2x1 slot.'],
  [
    2,
    'Battery saver that keeps notifications from chat apps',
    'Saver mode blocks my messages. Let me whitelist a few.',
  ],
  [2, 'Show battery health percentage', 'Tell me the battery capacity compared to new.'],
  [2, 'Widget stacks', 'Let me stack widgets and swipe between them.'],
  [2, 'Calendar widget with week view', 'Week view in a 4x2 widget would be great.'],
  [2, 'Bring back the 5% battery steps', 'The battery icon now moves in 10% steps. Show 5%.'],
  [2, 'Bedtime battery report', 'A morning report of overnight drain.'],
  [2, 'Per-app battery limits', 'Cap background battery use per app.'],
];

export const REPLIES = [
  'Yes! This would make a big difference for me.',
  'Agreed, but it should be optional.',
  'I think the old phone had this. Why was it removed?',
  'Has anyone found a workaround in the meantime?',
  'The team mentioned something like this in the last AMA.',
  'Please, this is the one thing keeping me from switching.',
  'Counterpoint: this would cost battery life.',
  'Not sure this is worth the complexity, but I would use it.',
  '+1, with a setting to turn it off.',
  'Same here, it happens every morning.',
];
