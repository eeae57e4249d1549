// The admin's date pickers (Wagtail's jQuery datetimepicker) rewrite a field when it loses
// focus: what they cannot read in the field's format becomes today's date, and an impossible
// date such as 31-02-2027 rolls over into March. Leave what the editor typed alone: the server
// reads it (10-02-2027, 1-2-2027 or 2027-02-10) or refuses it with a message.
window.jQuery.fn.datetimepicker.defaults.validateOnBlur = false;
