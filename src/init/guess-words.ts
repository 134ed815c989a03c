/**
 * The words `creeplint init` recognises in field paths, by what they say about the data.
 * Singular forms: paths are read with plurals made singular (`items` is `item`).
 */

function words(text: string): ReadonlySet<string> {
  return new Set(text.split(/\s+/u).filter((word) => word !== ''));
}

/** Whose value a field holds, from the nearest word that names an owner. */
export const OWNERS = {
  person: words(`customer user contact recipient subscriber member membership loyalty person client buyer shopper patient
    guest attendee profile account holder cardholder owner applicant lead prospect consumer visitor reader viewer billing
    shipping delivery mailing home personal`),
  'other-person': words('friend referrer referral referee referred inviter invitee invite invited invitation follower commenter gifter giftee'),
  staff: words(`agent rep representative advisor adviser manager stylist consultant staff author organizer organiser coach
    trainer instructor teacher courier technician support concierge banker`),
  org: words(`company brand merchant business vendor seller retailer organisation organization org team app site
    platform publisher newsletter publication firm corporation charity sponsor sender`),
  place: words('store shop branch outlet venue boutique showroom salon restaurant cafe hotel gym pickup locker depot warehouse'),
  product: words(`product item sku variant offer deal bundle course event ticket listing book movie film episode song album game
    gift collection category line merchandise merch menu dish recipe`),
} as const;
export type Owner = keyof typeof OWNERS | 'behaviour';

/** What someone did, nearest word first: each kind of behaviour with its category. */
export const BEHAVIOURS = {
  browsing: words(`viewed view visited visit browsed browse browsing seen clicked click page session wishlist wish favourite
    favorite saved liked bookmark bookmarked abandoned`),
  recommendation: words('recommended recommendation recommend suggested suggestion pick picked similar related upsell personalised personalized curated'),
  purchase: words(`order purchase purchased bought invoice receipt transaction checkout booking reservation shipment fulfillment
    fulfilment return refund reorder repurchase replenishment spend spent paid amount total subtotal price cost tax discount
    fee postage charge gross net quantity qty`),
  cart: words('cart basket trolley'),
  search: words('search searched query keyword searchterm'),
  media: words('watched listened played streamed playlist episode podcast'),
  engagement: words('open opened sent engagement activity active login logged signin streak usage'),
} as const;
export type Behaviour = keyof typeof BEHAVIOURS;

export const LINK = words('url uri link href permalink hyperlink website homepage');
export const IMAGE = words('image img logo icon banner thumbnail thumb picture pic photo avatar headshot selfie portrait src');
export const PERSON_IMAGE = words('avatar headshot selfie portrait');
export const UNSUBSCRIBE = words('unsubscribe unsub unsubscription optout');
export const PREFERENCE = words('preference pref');
export const PREFERENCE_TOPIC = words('subscription email notification communication marketing newsletter mailing');
export const PREFERENCE_PAGE = words('manage setting center centre');
export const PRIVACY = words('privacy gdpr ccpa');
/** Words that turn a page's name into a choice someone made (`privacy_consent`, `preferences_updated_at`). */
export const CHOICE_MADE = words('consent consented accepted agreed opted given updated changed chosen selected status flag');

export const SECRET = words('token otp mfa totp');
export const SECRET_KIND = words('verification verify auth authentication login signin reset security access activation temporary temp magic confirm');
export const SECRET_THING = words('code key password pin passcode');
export const CREDENTIAL = words('password passcode passphrase pin');

export const HEALTH = words(`health medical medicine medication meds prescription rx diagnosis diagnose diagnosed condition
  symptom illness disease disorder allergy allergen allergic disability disabled therapy therapist treatment clinic hospital
  doctor physician gp nurse pharmacy pharmacist prenatal antenatal postnatal maternity fertility ivf ovulation menstrual
  menstruation contraception contraceptive expecting trimester miscarriage mental depression anxiety diabetes diabetic cancer
  hiv std sti blood glucose insulin cholesterol bmi vaccine vaccination covid surgery injury dental dentist dementia alzheimer
  asthma arthritis migraine adhd autism addiction rehab sobriety nhs`);
export const HEALTH_PREFIXES = ['pregnan', 'diagnos'] as const;
/** `condition` is about health unless these words say what kind of condition. */
export const NOT_HEALTH_CONDITION = words('product item listing term weather sale offer shipping payment vehicle car used match');
export const PREGNANCY_CONTEXT = words('baby birth maternity expecting prenatal trimester infant newborn');
export const GENETIC = words('genetic dna genome gene');

export const SEXUAL = words('sexual sexuality orientation lgbt lgbtq lgbtqia gay lesbian bisexual queer transgender');
export const RELIGION = words(`religion religious faith church mosque synagogue temple worship christian muslim islam islamic jewish
  judaism hindu sikh buddhist ramadan eid kosher halal denomination parish`);
export const ETHNICITY = words('ethnicity ethnic race racial ancestry');
export const POLITICAL = words('political politics voter voting democrat republican partisan');
export const BIOMETRIC = words('biometric fingerprint faceprint retina retinal voiceprint');
export const CRIMINAL = words('criminal conviction convicted arrest arrested offence offense offender felony probation parole prison jail');
export const CHILD = words('child children kid baby toddler infant newborn son daughter childcare');

export const CREDIT = words('credit fico creditworthiness');
export const CARD = words('card');
export const CREDIT_THING = words('score rating limit report history check worthiness band bureau');
export const INCOME = words('income salary wage earning wealth affluence affluent networth');
export const DEBT = words('debt loan mortgage arrears overdraft overdrawn bankruptcy insolvency repayment saving investment pension balance');
export const BANK = words('bank iban routing swift bic');
export const CARD_DETAIL = words('credit debit payment last four brand number expiry expiration holder type');
export const NOT_PAYMENT_CARD = words('gift loyalty member membership reward greeting business id');
/** Balances and credits that are points or vouchers, not money in an account. */
export const LOYALTY = words('loyalty point reward gift voucher coupon cashback mile stamp');

export const EMAIL = words('email');
export const PHONE = words('phone telephone tel mobile cell cellphone sms whatsapp msisdn');
export const FAX = words('fax');
export const COMPANY_CONTACT = words('support help noreply reply from');
export const DEVICE = words('device browser os operating agent useragent cookie');

export const VISITED = words('visit visited seen last checkin been');
export const NEAR = words('nearest nearby closest local home preferred favourite favorite my your near');
export const PRECISE = words('lat latitude lng lon longitude geo geolocation gps coordinate coord geohash whereabouts');
export const LIVE_LOCATION = words('last current live seen recent precise exact gps');
export const LOCATED_BY = words('geo ip gps location detected estimated');
export const ADDRESS_PARTS: readonly [ReadonlySet<string>, string][] = [
  [words('city town village locality suburb'), 'city'],
  [words('postcode zip zipcode postal'), 'postal_code'],
  [words('country'), 'country'],
  [words('state province county region'), 'state'],
  [words('street house flat apartment apt suite building'), 'street'],
];
/** Parts of an address that alone, with no address around them, are where someone is, roughly. */
export const REGION_PARTS = words('city town village locality suburb country province county region');
export const ADDRESS_CONTEXT = words('address billing shipping delivery mailing home postal residential');
export const TIMEZONE = words('timezone tz');

export const ID = words('id identifier number no num nr ref reference code sku ean upc gtin isbn uuid guid confirmation tracking barcode serial');

export const NAME = words('name surname forename fname lname nickname');
export const FIRST = words('first given fname forename nickname preferred');
export const LAST = words('last family surname lname maiden');
/** Words that say which part of a name, not whose. */
export const NAME_PARTS = words('name first given fname forename nickname preferred last family surname lname maiden full display middle legal');
export const USERNAME = words('username handle login screen');

export const SOCIAL_NETWORK = words('twitter facebook instagram linkedin tiktok social');
export const SOCIAL = words('friend follower following connection referral referrer referee invite inviter invitee invited');

export const GENDER = words('gender sex pronoun salutation honorific');
export const AGE = words('age');
export const BIRTH = words('birthday birth birthdate dob born bday');
export const MARITAL = words('marital married marriage spouse husband wife wedding divorced widowed relationship');
export const LANGUAGE = words('language lang locale');
export const NATIONALITY = words('nationality citizenship');
export const JOB = words('job occupation profession seniority department jobtitle');
export const WORKPLACE = words('employer workplace industry');
export const ORGANISATION = words('company organization organisation business firm');

export const ACCOUNT = words(`account plan tier membership member loyalty point reward trial subscription subscribed renewal renew expiry expiration
  expire due signup registration registered joined since vip credit voucher wallet setting`);

export const CONTENT = words('message comment note review feedback reply answer bio testimonial');
export const PRIVATE = words('private dm direct personal');
export const SYSTEM_CONTEXT = words('error warning exception system');

/** Words that say it was derived by a model or a rule. */
export const INFERRED = words(`predicted prediction predict predictive likely likelihood probability propensity score scoring scored
  segment segmentation cluster persona lookalike affinity interest intent estimated estimate inferred modelled modeled band
  bucket tier cohort churn ltv clv lifetime forecast projected guessed derived vip rank ranking rfm`);
/** Inferences about what someone will do, rather than who they are. */
export const INFERRED_BEHAVIOUR = words('churn engagement propensity intent ltv clv lifetime rfm');
/** Words that say it came from another company. */
export const THIRD_PARTY = words(`partner external enriched enrichment enrich appended append broker imported import acquired syndicated
  coregistration coreg affiliate facebook fb linkedin twitter instagram tiktok clearbit zoominfo experian equifax transunion
  acxiom epsilon datalogix bureau`);
export const BOUGHT = words('bought purchased');
export const BOUGHT_DATA = words('list data lead audience contact');

/** Copy and settings the sender writes: the same for every reader. */
export const COPY = words(`subject preheader title heading headline header footer cta button label copyright year css style theme
  color colour template layout currency domain environment env config version tagline slogan disclaimer`);

/** Words that say nothing about the data: `your_name` is a name. */
export const FILLER = words('the a an of for to is has in on at by with and or this that your my me you our');

/** Words that run together with others in names (`firstname`, `unsubscribeurl`) and must be known to be split out. */
const OTHER_WORDS = words(`full display middle opt out third party of date at time data protection policy notice driver driving license
  licence passport visa immigration residency certificate vehicle registration plate vin ssn national insurance identity identification
  nino nin question record patient method payout sort distance operating weight loss goal value`);

export const KNOWN: ReadonlySet<string> = new Set(
  [
    ...Object.values(OWNERS),
    ...Object.values(BEHAVIOURS),
    ...ADDRESS_PARTS.map(([set]) => set),
    LINK,
    IMAGE,
    UNSUBSCRIBE,
    PREFERENCE,
    PREFERENCE_TOPIC,
    PREFERENCE_PAGE,
    PRIVACY,
    CHOICE_MADE,
    SECRET,
    SECRET_KIND,
    SECRET_THING,
    CREDENTIAL,
    HEALTH,
    NOT_HEALTH_CONDITION,
    PREGNANCY_CONTEXT,
    GENETIC,
    SEXUAL,
    RELIGION,
    ETHNICITY,
    POLITICAL,
    BIOMETRIC,
    CRIMINAL,
    CHILD,
    CREDIT,
    CARD,
    CREDIT_THING,
    INCOME,
    DEBT,
    BANK,
    CARD_DETAIL,
    LOYALTY,
    EMAIL,
    PHONE,
    FAX,
    COMPANY_CONTACT,
    DEVICE,
    VISITED,
    NEAR,
    PRECISE,
    LIVE_LOCATION,
    LOCATED_BY,
    ADDRESS_CONTEXT,
    TIMEZONE,
    ID,
    NAME,
    NAME_PARTS,
    USERNAME,
    SOCIAL_NETWORK,
    SOCIAL,
    GENDER,
    AGE,
    BIRTH,
    MARITAL,
    LANGUAGE,
    NATIONALITY,
    JOB,
    WORKPLACE,
    ORGANISATION,
    ACCOUNT,
    CONTENT,
    PRIVATE,
    SYSTEM_CONTEXT,
    INFERRED,
    INFERRED_BEHAVIOUR,
    THIRD_PARTY,
    BOUGHT,
    BOUGHT_DATA,
    COPY,
    FILLER,
    OTHER_WORDS,
  ].flatMap((set) => [...set]),
);
