/**
 * Every text the pages show, in Arabic and English. `{name}` is replaced by
 * the parameter of that name. Keys are checked by the compiler: a text
 * missing in one language does not build.
 */
export type Lang = 'ar' | 'en';
type Text = Record<Lang, string>;

const t = (ar: string, en: string): Text => ({ ar, en });

export const MESSAGES = {
  // ---- frame -----------------------------------------------------------------
  appTitle: t('تجديد جواز السفر', 'Passport renewal'),
  directorate: t('المديرية العامة للجوازات', 'General Directorate of Passports'),
  switchLanguage: t('English', 'العربية'),
  signedInAs: t('مسجّل الدخول: {who}', 'Signed in: {who}'),
  signOut: t('تسجيل الخروج', 'Sign out'),
  signIn: t('تسجيل الدخول', 'Sign in'),
  roleCitizen: t('مواطن', 'Citizen'),
  roleClerk: t('موظف الشباك', 'Counter clerk'),
  roleOperator: t('مشغّل', 'Operator'),
  needsSignIn: t('سجّل الدخول بصفتك {role} لاستخدام هذه الصفحة.', 'Sign in as {role} to use this page.'),
  loading: t('جارٍ التحميل…', 'Loading…'),
  working: t('جارٍ التنفيذ…', 'Working…'),
  back: t('رجوع', 'Back'),
  confirm: t('تأكيد', 'Confirm'),
  refresh: t('تحديث', 'Refresh'),
  close: t('إغلاق', 'Close'),
  reason: t('السبب', 'Reason'),
  reasonRequired: t('اكتب السبب (من 1 إلى 500 حرف).', 'Write the reason (1 to 500 characters).'),
  none: t('لا يوجد', 'None'),

  // ---- pages ------------------------------------------------------------------
  citizenPageTitle: t('تجديد جواز سفري', 'Renew my passport'),
  counterPageTitle: t('شباك تسليم الجوازات', 'Passport handover counter'),
  operatorPageTitle: t('مكتب المتابعة التشغيلية', "Operator's desk"),
  signInPageTitle: t('تسجيل الدخول', 'Sign in'),

  // ---- sign-in -----------------------------------------------------------------
  signInIntro: t(
    'يتم تسجيل الدخول عبر النفاذ الوطني الموحد، ثم تعود إلى هنا تلقائيًا.',
    'You sign in with the national single sign-on, which brings you back here.',
  ),
  signInAgain: t('تسجيل الدخول مجددًا', 'Sign in again'),
  sessionEnding: t(
    'تنتهي جلستك الساعة {time}. سجّل الدخول مجددًا للمتابعة؛ ما أدخلته محفوظ.',
    'Your session ends at {time}. Sign in again to carry on; what you have entered is kept.',
  ),
  signingIn: t('جارٍ إكمال تسجيل الدخول…', 'Completing the sign-in…'),
  signInFailed: t('تعذّر إكمال تسجيل الدخول. حاول مرة أخرى.', 'The sign-in could not be completed. Try again.'),
  callbackPageTitle: t('تسجيل الدخول', 'Sign in'),
  signedOutPageTitle: t('تم تسجيل الخروج', 'Signed out'),
  signedOutText: t(
    'تم تسجيل خروجك من هذه الخدمة ومن النفاذ الوطني الموحد.',
    'You have signed out of this service and of the national single sign-on.',
  ),
  unknownRole: t('لا يحمل هذا الحساب صلاحية على هذه الصفحات.', 'This account has no role on these pages.'),

  // ---- national ID as typed ----------------------------------------------------------
  nationalId: t('رقم الهوية الوطنية', 'National ID'),
  nidDigitsLeft: t('بقي {n} من 10 أرقام', '{n} of 10 digits to go'),
  nidOnlyDigits: t('أرقام فقط', 'Digits only'),
  nidTooLong: t('رقم الهوية 10 أرقام فقط', 'A national ID has exactly 10 digits'),
  nidResident: t(
    'يبدأ بـ 2: هوية مقيم، والتجديد للمواطنين فقط',
    'Starts with 2: a resident ID; only citizens can renew',
  ),
  nidMustStartWith1: t('يجب أن يبدأ رقم هوية المواطن بالرقم 1', "A citizen's national ID starts with 1"),
  nidBadCheckDigit: t('رقم التحقق غير صحيح: راجع الرقم', 'The check digit is wrong: check the number'),
  nidValid: t('رقم هوية صحيح', 'Valid national ID'),

  // ---- citizen: start ---------------------------------------------------------------
  startIntro: t(
    'جدّد جوازك من منزلك: راجع بياناتك، وأقرّ بالتعهدات، وادفع الرسوم عبر سداد، ثم استلم الجواز من مكتب الجوازات أو في منزلك عبر البريد السعودي.',
    'Renew from home: review your data, accept the pledges, pay through SADAD, then collect the passport at a passport office or receive it at home through Saudi Post.',
  ),
  officeLabel: t('مكتب الجوازات الذي يطبع الجواز', 'Passport office that prints the passport'),
  startRenewal: t('بدء التجديد', 'Start the renewal'),
  startNew: t('بدء تجديد جديد', 'Start a new renewal'),
  checkingEligibility: t('نتحقق من أهليتك للتجديد…', 'Checking that you can renew…'),
  renewalNumber: t('رقم الطلب', 'Request number'),

  // ---- citizen: review ---------------------------------------------------------------
  reviewTitle: t('راجع بياناتك', 'Review your data'),
  photoOnFile: t('الصورة المحفوظة', 'Photo on file'),
  photoReference: t('مرجع الصورة:', 'Photo reference:'),
  nameArabic: t('الاسم بالعربية', 'Name in Arabic'),
  nameEnglish: t('الاسم كما يُطبع بالإنجليزية', 'Name as printed in English'),
  dateOfBirth: t('تاريخ الميلاد', 'Date of birth'),
  mobile: t('الجوال', 'Mobile'),
  currentPassport: t('الجواز الحالي', 'Current passport'),
  passportExpires: t('{number}، ينتهي في {date}', '{number}, expires {date}'),
  confirmPhoto: t('أؤكد أن الصورة المحفوظة صورتي', 'I confirm the photo on file is mine'),
  confirmEnglishName: t('أؤكد كتابة اسمي بالإنجليزية كما هو أعلاه', 'I confirm my name in English as written above'),
  pledgesTitle: t('التعهدات', 'Pledges'),
  pledge_DATA_ACCURACY: t('أتعهد بصحة البيانات المعروضة', 'I pledge that the data shown is accurate'),
  pledge_OLD_PASSPORT_SURRENDER: t(
    'أتعهد بتسليم جوازي القديم عند استلام الجديد ليُلغى',
    'I pledge to hand in my old passport, to be cancelled, when I receive the new one',
  ),
  pledge_LOSS_REPORTING: t('أتعهد بالإبلاغ فورًا عن فقدان الجواز', 'I pledge to report a lost passport at once'),
  pledgeOther: t('أوافق على التعهد: {id}', 'I accept the pledge: {id}'),
  validityTitle: t('مدة صلاحية الجواز', 'Passport validity'),
  validityOption: t('{years} سنوات — {fee}', '{years} years — {fee}'),
  validityOnlyFive: t(
    'من هم دون السن المحددة يُصدر لهم جواز لمدة 5 سنوات فقط.',
    'Below the minimum age, only a 5-year passport is issued.',
  ),
  deliveryTitle: t('طريقة الاستلام', 'How you receive it'),
  deliveryPickup: t('الاستلام من مكتب الجوازات (بدون موعد)', 'Collect at a passport office (no appointment)'),
  deliveryPost: t('التوصيل إلى المنزل عبر البريد السعودي (+{postage})', 'Home delivery by Saudi Post (+{postage})'),
  pickupOffice: t('مكتب الاستلام', 'Office to collect from'),
  waselExplained: t(
    'التوصيل يتطلب اشتراكًا مجانيًا في خدمة «واصل» من البريد السعودي، وهو يحفظ عنوانك الوطني. يمسح المندوب الظرف ويسلّمك الجواز خلال 24 ساعة ويستلم جوازك القديم. إذا لم تكن مشتركًا ننتظر اشتراكك مدة محددة، ثم يُحوَّل الطلب إلى الاستلام من المكتب ونبلغك بذلك.',
    'Delivery needs a free Wasel subscription with Saudi Post, which holds your national address. The courier scans the envelope, hands you the passport within 24 hours and collects your old one. If you are not subscribed, we wait a set time for you to subscribe; after that the passport goes to the office for pickup and we tell you so.',
  ),
  total: t('الإجمالي: {amount}', 'Total: {amount}'),
  acceptAndContinue: t('الموافقة والمتابعة إلى الدفع', 'Accept and go to payment'),
  mustConfirmAll: t(
    'أكّد الصورة والاسم ووافق على كل التعهدات قبل المتابعة.',
    'Confirm the photo and the name and accept every pledge before going on.',
  ),

  // ---- citizen: bill, timeline, cancel ---------------------------------------------------
  billTitle: t('فاتورة سداد', 'SADAD bill'),
  billNumber: t('رقم الفاتورة', 'Bill number'),
  billAmount: t('المبلغ', 'Amount'),
  billDueBy: t('ادفع قبل', 'Pay before'),
  billHowTo: t(
    'ادفع من تطبيق البنك أو الصراف عبر «سداد» باستخدام رقم الفاتورة. تتحدث هذه الصفحة تلقائيًا بعد الدفع.',
    'Pay in your bank app or at an ATM through SADAD with the bill number. This page updates by itself once paid.',
  ),
  timelineTitle: t('مسار الطلب', 'Progress'),
  liveUpdates: t('تحديث مباشر', 'Live'),
  reconnecting: t('إعادة الاتصال…', 'Reconnecting…'),
  currentStage: t('المرحلة الحالية', 'Current stage'),
  office: t('المكتب', 'Office'),
  deliveryMethod: t('الاستلام', 'Delivery'),
  trackingNumber: t('رقم الشحنة', 'Tracking number'),
  deadline: t('الموعد النهائي', 'Deadline'),
  slaDeadline: t('موعد التوصيل الملتزم به', 'Promised delivery by'),
  nextStep: t('المطلوب الآن', 'What to do now'),
  nothingToDo: t(
    'لا شيء مطلوب منك الآن، سنبلغك عند كل خطوة.',
    'Nothing for you to do now: we will tell you at every step.',
  ),
  outcome: t('النتيجة', 'Outcome'),
  issueNumber: t('الإصدار رقم {n}', 'Issue {n}'),
  slaBreachedBadge: t('تجاوز مهلة التوصيل', 'Delivery SLA missed'),
  delayedBadge: t('متأخر', 'Delayed'),
  delayedOperatorsOnIt: t(
    'طلبك متأخر عن موعده، وفريق الجوازات يتابعه الآن. لا شيء مطلوب منك، وسنبلغك عند كل خطوة.',
    'Your renewal is delayed, and our operators are on it. Nothing for you to do: we will tell you at every step.',
  ),
  cancelRenewal: t('سحب طلب التجديد', 'Withdraw my renewal'),
  cancelConfirmTitle: t('سحب طلب التجديد؟', 'Withdraw this renewal?'),
  cancelConfirmText: t(
    'سيُلغى الطلب وتُلغى فاتورة سداد أو يُعاد المبلغ المدفوع.',
    'The renewal is cancelled and its SADAD bill withdrawn, or the amount paid refunded.',
  ),
  cancelDone: t('سُحب الطلب.', 'The renewal was withdrawn.'),
  cancelNotAllowed: t(
    'بدأت الطباعة: لم يعد ممكنًا سحب الطلب إلكترونيًا. راجع أحد مكاتب الجوازات.',
    'Printing has started: the renewal can no longer be withdrawn online. Visit a passport office.',
  ),

  // ---- counter -------------------------------------------------------------------------
  counterLookupLabel: t('رقم الهوية الوطنية أو رقم الطلب', 'National ID or request number'),
  counterLookupHint: t(
    '10 أرقام تبدأ بـ 1، أو رقم الطلب كما يظهر للمواطن',
    '10 digits starting with 1, or the request number the citizen shows',
  ),
  counterLookupInvalid: t('أدخل رقم هوية وطنية صحيحًا أو رقم طلب', 'Enter a valid national ID or request number'),
  counterFind: t('بحث', 'Find'),
  counterNoneReady: t(
    'لا يوجد جواز جاهز للتسليم لهذا المواطن في مكتبك.',
    'No passport is ready for this citizen at your office.',
  ),
  counterNotReady: t(
    'هذا الطلب ليس جاهزًا للتسليم (المرحلة: {stage}).',
    'This renewal is not ready for pickup (stage: {stage}).',
  ),
  counterReadySince: t('جاهز منذ', 'Ready since'),
  counterCollectBy: t('يُستلم قبل', 'Collect by'),
  counterSelect: t('خدمة هذا الطلب', 'Serve this renewal'),
  counterOldPassport: t('رقم الجواز القديم المقدَّم', 'Number of the old passport presented'),
  counterIdentity: t(
    'تحققت من أن الحاضر هو صاحب الجواز (مطابقة الوجه مع الصورة)',
    'I checked that the person here is the holder (face against photo)',
  ),
  counterMatch: t('مطابقة الجواز القديم', 'Match the old passport'),
  counterMatched: t('الجواز القديم مطابق للسجل.', 'The old passport matches the record.'),
  counterMismatch: t('غير مطابق للسجل (محاولة خاطئة {n} من 3).', 'Does not match the record (mismatch {n} of 3).'),
  counterFlagged: t(
    'ثالث محاولة غير مطابقة: أُبلغ المشغّلون. لا تسلّم الجواز، وأحِل المواطن إلى المشرف.',
    'Third mismatch: operators have been alerted. Do not hand over; refer the citizen to a supervisor.',
  ),
  counterPassportFormat: t('من 6 إلى 9 حروف إنجليزية أو أرقام', '6 to 9 letters or digits'),
  counterIdentityRequired: t('أكّد هوية الحاضر أولًا', "Confirm the holder's identity first"),
  counterHandOver: t('تسليم الجواز الجديد', 'Hand over the new passport'),
  counterHandedOver: t(
    'تم التسليم. الجواز الجديد {number} أصبح ساريًا وأُلغي الجواز القديم.',
    'Handed over. The new passport {number} is now valid and the old one is cancelled.',
  ),
  counterNext: t('المواطن التالي', 'Next citizen'),

  // ---- operator ----------------------------------------------------------------------------
  filterStage: t('المرحلة', 'Stage'),
  filterOffice: t('المكتب', 'Office'),
  filterDelivery: t('طريقة الاستلام', 'Delivery'),
  filterAny: t('الكل', 'Any'),
  needsAttention: t('تحتاج إلى تدخل', 'Needs attention'),
  allRenewals: t('كل الطلبات', 'All renewals'),
  noRenewals: t('لا توجد طلبات تطابق المرشحات.', 'No renewals match the filters.'),
  pastDeadlineBadge: t('تجاوز الموعد النهائي', 'Past deadline'),
  overdueBadge: t('متأخر: نُبّه المشغّلون', 'Overdue: operators alerted'),
  overdueBy: t('متأخر {duration}', 'overdue by {duration}'),
  columnRenewal: t('الطلب', 'Renewal'),
  columnStage: t('المرحلة', 'Stage'),
  columnOffice: t('المكتب', 'Office'),
  columnDelivery: t('الاستلام', 'Delivery'),
  columnDeadline: t('الموعد النهائي', 'Deadline'),
  columnActions: t('إجراءات', 'Actions'),
  openInTemporal: t('في واجهة Temporal', 'In Temporal UI'),
  auditTrail: t('سجل التدقيق', 'Audit trail'),
  auditFor: t('سجل التدقيق للطلب {id}', 'Audit trail of renewal {id}'),
  auditAt: t('الوقت', 'Time'),
  auditActor: t('المنفّذ', 'Actor'),
  auditAction: t('الإجراء', 'Action'),
  auditOutcome: t('النتيجة', 'Outcome'),
  operatorCancel: t('إلغاء', 'Cancel'),
  operatorCancelTitle: t('إلغاء الطلب {id}؟', 'Cancel renewal {id}?'),
  operatorCancelText: t(
    'يُلغى الطلب في أي مرحلة مع التراجع عمّا تم: إلغاء أمر الطباعة، وإبطال الجواز المطبوع، واسترجاع الشحنة، وإعادة المبلغ.',
    'The renewal is cancelled at whatever stage, undoing what was done: print job cancelled, printed passport voided, shipment recalled, payment refunded.',
  ),
  operatorCancelled: t('أُلغي الطلب {id}. ما تم التراجع عنه: {what}', 'Renewal {id} cancelled. Undone: {what}'),
  declareLoss: t('إعلان الفقد', 'Declare lost'),
  declareLossTitle: t('إعلان فقد الظرف للطلب {id}؟', 'Declare the envelope of renewal {id} lost?'),
  declareLossText: t(
    'يُبطل الجواز المفقود، وتُفتح مطالبة على الناقل، ويُطبع بديل مجانًا للمواطن.',
    'The lost passport is voided, a claim is opened against the carrier, and a replacement is printed at no cost to the citizen.',
  ),
  lossDeclared: t(
    'أُعلن فقد ظرف الطلب {id}: سيُعاد إصداره.',
    'Envelope of renewal {id} declared lost: it will be reissued.',
  ),
  compensation_PRINT_JOB_CANCELLED: t('إلغاء أمر الطباعة', 'print job cancelled'),
  compensation_PASSPORT_VOIDED: t('إبطال الجواز المطبوع', 'printed passport voided'),
  compensation_SHIPMENT_RECALLED: t('استرجاع الشحنة', 'shipment recalled'),
  compensation_PAYMENT_REFUNDED: t('إعادة المبلغ', 'payment refunded'),
  compensation_BILL_CANCELLED: t('إلغاء الفاتورة', 'bill withdrawn'),

  // ---- delivery methods ------------------------------------------------------------------
  method_PICKUP: t('من المكتب', 'At the office'),
  method_POST: t('توصيل للمنزل', 'Home delivery'),

  // ---- stages ----------------------------------------------------------------------------------
  stage_ELIGIBILITY_CHECK: t('التحقق من الأهلية', 'Eligibility check'),
  stage_AWAITING_ACCEPTANCE: t('بانتظار مراجعتك وموافقتك', 'Waiting for your review and acceptance'),
  stage_AWAITING_PAYMENT: t('بانتظار الدفع', 'Waiting for payment'),
  stage_AWAITING_ADDRESS: t('بانتظار الاشتراك في واصل', 'Waiting for a Wasel subscription'),
  stage_PRINTING: t('قيد الطباعة', 'Printing'),
  stage_READY_FOR_PICKUP: t('جاهز للاستلام', 'Ready for pickup'),
  stage_DISPATCHING: t('جارٍ التسليم للبريد السعودي', 'Handing to Saudi Post'),
  stage_DISPATCHED: t('سُلّم للبريد السعودي', 'Handed to Saudi Post'),
  stage_IN_TRANSIT: t('في الطريق', 'In transit'),
  stage_OUT_FOR_DELIVERY: t('خرج للتوصيل', 'Out for delivery'),
  stage_LOST: t('فُقد أثناء النقل', 'Lost in transit'),
  stage_REISSUING: t('إعادة الإصدار', 'Reissuing'),
  stage_COMPLETED: t('اكتمل', 'Completed'),
  stage_REJECTED: t('مرفوض', 'Rejected'),
  stage_EXPIRED: t('انتهت المهلة', 'Expired'),
  stage_CANCELLED: t('ملغى', 'Cancelled'),
  stage_FAILED: t('تعذّر الإكمال', 'Failed'),

  // ---- what to do next -----------------------------------------------------------------------
  action_CITIZEN_REVIEW_AND_ACCEPT: t('راجع بياناتك ووافق على التعهدات.', 'Review your data and accept the pledges.'),
  action_CITIZEN_PAY_BILL: t('ادفع فاتورة سداد.', 'Pay the SADAD bill.'),
  action_CITIZEN_SUBSCRIBE_TO_WASEL: t(
    'اشترك مجانًا في «واصل» من البريد السعودي ليصل الجواز إلى عنوانك الوطني.',
    'Subscribe to Wasel with Saudi Post (free) so the passport can reach your national address.',
  ),
  action_CITIZEN_VISIT_OFFICE_WITH_OLD_PASSPORT: t(
    'احضر إلى المكتب بدون موعد ومعك جوازك القديم.',
    'Come to the office, no appointment needed, with your old passport.',
  ),
  action_CLERK_HAND_OVER_NEW_PASSPORT: t(
    'طابق الموظف جوازك القديم وسيسلّمك الجديد.',
    'The clerk matched your old passport and will hand you the new one.',
  ),
  action_CITIZEN_RECEIVE_COURIER_WITH_OLD_PASSPORT: t(
    'المندوب في الطريق: جهّز جوازك القديم ورمز التحقق.',
    'The courier is on the way: have your old passport and the one-time code ready.',
  ),

  // ---- why it ended, and timeline notes ------------------------------------------------------------
  reason_CITIZEN_NOT_FOUND: t('لا يوجد سجل لك في السجل المدني.', 'The civil registry has no record of you.'),
  reason_NOT_A_CITIZEN: t('الخدمة للمواطنين فقط.', 'The service is for citizens only.'),
  reason_NO_PASSPORT_ON_RECORD: t('لا يوجد جواز مسجّل لتجديده.', 'There is no passport on record to renew.'),
  reason_PASSPORT_LOST: t(
    'الجواز مبلّغ عن فقده: راجع مكتب الجوازات.',
    'The passport is reported lost: visit a passport office.',
  ),
  reason_PASSPORT_STOLEN: t(
    'الجواز مبلّغ عن سرقته: راجع مكتب الجوازات.',
    'The passport is reported stolen: visit a passport office.',
  ),
  reason_PASSPORT_CANCELLED: t('الجواز ملغى.', 'The passport is cancelled.'),
  reason_TRAVEL_BAN: t('يوجد منع سفر.', 'There is a travel ban.'),
  reason_UNPAID_TRAFFIC_FINES: t('توجد مخالفات مرورية غير مسددة.', 'There are unpaid traffic fines.'),
  reason_BIOMETRICS_MISSING: t(
    'البصمات غير مسجّلة: راجع مكتب الجوازات.',
    'No biometrics on record: visit a passport office.',
  ),
  reason_ACCEPTANCE_WINDOW_ELAPSED: t('انتهت مهلة المراجعة والموافقة.', 'The time to review and accept ran out.'),
  reason_BILL_EXPIRED: t('انتهت صلاحية فاتورة سداد دون دفع.', 'The SADAD bill expired unpaid.'),
  reason_PICKUP_WINDOW_ELAPSED: t(
    'لم يُستلم الجواز خلال المهلة فأُبطل.',
    'The passport was not collected in time and was voided.',
  ),
  reason_PRINTING_FAILED: t('تعذّرت الطباعة، وأُعيد المبلغ.', 'Printing failed; the payment is refunded.'),
  reason_ELIGIBILITY_CHECK_TIMED_OUT: t(
    'تعذّر التحقق من الأهلية في الوقت المحدد، ولم يُحصّل منك أي مبلغ. يمكنك التقديم من جديد.',
    'Eligibility could not be checked in time; nothing was charged. You can apply again.',
  ),
  reason_BILL_NOT_ISSUED: t(
    'تعذّر إصدار فاتورة سداد في الوقت المحدد، ولم يُحصّل منك أي مبلغ. يمكنك التقديم من جديد.',
    'The SADAD bill could not be issued in time; nothing was charged. You can apply again.',
  ),
  reason_REISSUE_LIMIT_REACHED: t('بلغ عدد إعادة الإصدار الحد الأقصى.', 'The limit of reissues was reached.'),
  reason_CANCELLED_BY_CITIZEN: t('سحبتَ الطلب.', 'You withdrew the renewal.'),
  reason_CANCELLED_BY_OPERATOR: t('ألغت الجوازات الطلب.', 'The directorate cancelled the renewal.'),
  reason_MalformedAddress: t('العنوان الوطني في واصل غير صالح.', 'The national address in Wasel is not valid.'),
  note_handedOver: t('سُلّم في الشباك', 'Handed over at the counter'),
  note_delivered: t('سُلّم في المنزل ({proof})', 'Delivered at home ({proof})'),
  note_printAttempt: t('محاولة الطباعة {n}', 'Print attempt {n}'),
  note_replacementIssue: t('إصدار بديل رقم {n}', 'Replacement issue {n}'),
  note_declaredLost: t('أعلن المشغّل فقد الظرف', 'An operator declared the envelope lost'),
  note_LOSS_THRESHOLD_ELAPSED: t('لم يصل خلال المهلة: اعتُبر مفقودًا', 'Not delivered in time: treated as lost'),
  note_MAX_ATTEMPTS_REACHED: t(
    'أُعيد إلى المكتب بعد محاولات توصيل فاشلة',
    'Back to the office after failed delivery attempts',
  ),
  note_DELIVERY_SLA_BREACHED: t('تجاوز مهلة التوصيل', 'Delivery SLA missed'),
  note_DISPATCH_TIMED_OUT: t(
    'تعذّر التسليم للبريد السعودي: الجواز بانتظارك في المكتب',
    'Saudi Post could not take it: the passport waits for you at the office',
  ),
  note_ACCEPTED_BY_CARRIER: t('استلمه البريد السعودي', 'Accepted by Saudi Post'),
  note_RETURNED: t('أعاده الناقل إلى المكتب', 'Returned to the office by the carrier'),
  proof_OTP: t('برمز تحقق', 'with a one-time code'),
  proof_ID_CHECK: t('بالتحقق من الهوية', 'with an ID check'),
  otherReason: t('التفاصيل: {code}', 'Details: {code}'),

  // ---- errors -----------------------------------------------------------------------------------
  problem_network: t(
    'تعذّر الاتصال بالخدمة. تحقق من الاتصال وحاول مجددًا.',
    'Could not reach the service. Check the connection and try again.',
  ),
  problem_generic: t('تعذّر إكمال الطلب (الحالة {status}).', 'The request could not be completed (status {status}).'),
  problem_validation: t('بعض البيانات غير صحيحة: {fields}', 'Some data is not valid: {fields}'),
  problem_authentication: t(
    'انتهت جلستك أو لم تسجّل الدخول. سجّل الدخول مجددًا.',
    'Your session ended or you are not signed in. Sign in again.',
  ),
  problem_forbidden: t('هذه العملية ليست لدورك.', 'This operation is not for your role.'),
  problem_notFound: t(
    'الطلب غير موجود أو لا يحق لك الاطلاع عليه.',
    'The renewal does not exist or is not yours to see.',
  ),
  problem_inProgress: t(
    'لديك طلب تجديد قائم: أكمله أو اسحبه أولًا.',
    'You already have a renewal in progress: finish or withdraw it first.',
  ),
  problem_keyReused: t(
    'أُرسل هذا الطلب من قبل ببيانات مختلفة. أعد المحاولة.',
    'This request was sent before with different data. Try again.',
  ),
  problem_ended: t('انتهى الطلب ولا يقبل إجراءات أخرى.', 'The renewal has ended and takes no more actions.'),
  problem_notInTransit: t('لا يوجد ظرف لدى الناقل لإعلان فقده.', 'No envelope is with the carrier to declare lost.'),
  problem_unavailable: t('الخدمة مشغولة الآن. حاول بعد قليل.', 'The service is busy right now. Try again shortly.'),
  problem_partner: t('تعذّر الوصول إلى جهة شريكة. حاول لاحقًا.', 'A partner system could not be reached. Try later.'),
  problem_rateLimited: t('طلبات كثيرة. انتظر قليلًا ثم حاول.', 'Too many requests. Wait a little and try again.'),
  problem_notOnFile: t('لا توجد بيانات لك في السجل المدني.', 'The civil registry holds no data for you.'),
  problem_tooManyStreams: t(
    'تتابع طلبك في نوافذ كثيرة. أغلق إحداها وستُستأنف المتابعة.',
    'You are following your renewal in too many windows. Close one and following resumes.',
  ),
  problem_internal: t('حدث خطأ غير متوقع. حاول مجددًا.', 'Something unexpected went wrong. Try again.'),
  refused_PhotoNotConfirmed: t('أكّد الصورة المحفوظة.', 'Confirm the photo on file.'),
  refused_EnglishNameNotConfirmed: t('أكّد اسمك بالإنجليزية.', 'Confirm your name in English.'),
  refused_PledgesMissing: t('وافق على كل التعهدات.', 'Accept every pledge.'),
  refused_InvalidValidity: t('اختر مدة الصلاحية: 5 أو 10 سنوات.', 'Choose a validity of 5 or 10 years.'),
  refused_ValidityNotAllowedForAge: t(
    'عمرك يسمح بجواز لمدة 5 سنوات فقط.',
    'At your age only a 5-year passport can be issued.',
  ),
  refused_InvalidOffice: t('اختر مكتبًا معروفًا.', 'Choose a known office.'),
  refused_InvalidDeliveryMethod: t('اختر طريقة الاستلام.', 'Choose how you receive the passport.'),
  refused_AlreadyAccepted: t('سبقت الموافقة على هذا الطلب.', 'This renewal was already accepted.'),
  refused_WrongStage: t(
    'الطلب ليس في المرحلة المناسبة لهذا الإجراء الآن.',
    'The renewal is not at the stage for this action now.',
  ),
  refused_AlreadyEnded: t('انتهى الطلب.', 'The renewal has ended.'),
  refused_AlreadyCancelling: t('الطلب قيد الإلغاء.', 'The renewal is already being cancelled.'),
  refused_HandoverInProgress: t(
    'الجواز الجديد قيد التسليم أو التوصيل.',
    'The new passport is being handed over or delivered.',
  ),
  refused_PrintingStarted: t(
    'بدأت الطباعة: لم يعد ممكنًا سحب الطلب إلكترونيًا.',
    'Printing has started: the renewal can no longer be withdrawn online.',
  ),
  refused_IdentityNotConfirmed: t('أكّد هوية الحاضر أولًا.', "Confirm the holder's identity first."),
  refused_OldPassportNotVerified: t('طابِق الجواز القديم أولًا.', 'Match the old passport first.'),
  refused_AlreadyHandedOver: t('الجواز قيد التسليم بالفعل.', 'The passport is already being handed over.'),
  refused_TooLate: t('انتهى الطلب قبل تنفيذ الإجراء.', 'The renewal ended before the action.'),
} satisfies Record<string, Text>;

export type MessageKey = keyof typeof MESSAGES;

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(MESSAGES, key);
}

export type Params = Record<string, string | number>;

export function translate(lang: Lang, key: MessageKey, params: Params = {}): string {
  return MESSAGES[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
