"""The user admin with the campuses a user coordinates (`CampusPage.coordinators`), so an
administrator assigns them per user; the page form never shows them, so a coordinator cannot
widen their own rights. Wired in by `campuses.apps.UsersConfig`, which replaces Wagtail's
users app in INSTALLED_APPS."""

from django import forms
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .models import CampusPage


class CoordinatedCampusesForm(forms.Form):
    coordinated_campuses = forms.ModelMultipleChoiceField(
        queryset=CampusPage.objects.order_by("title"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Campuscoördinator van",
        help_text="Alleen voor gebruikers in de groep Campuscoördinator (tabblad Rollen): zij "
        "bewerken de pagina en de evenementen van deze campussen, zien de aanmeldingen voor die "
        "evenementen en stellen wijzigingen voor aan de partners ervan.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["coordinated_campuses"] = self.instance.coordinated_campuses.all()

    def _save_m2m(self):
        super()._save_m2m()
        self.instance.coordinated_campuses.set(self.cleaned_data["coordinated_campuses"])


class CoordinatorUserCreationForm(CoordinatedCampusesForm, UserCreationForm):
    pass


class CoordinatorUserEditForm(CoordinatedCampusesForm, UserEditForm):
    pass


class UserViewSet(WagtailUserViewSet):
    create_template_name = "campuses/users/create.html"
    edit_template_name = "campuses/users/edit.html"

    def get_form_class(self, for_update=False):
        return CoordinatorUserEditForm if for_update else CoordinatorUserCreationForm
