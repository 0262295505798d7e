package se.samla.shared;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A request field whose text must be {@link StorableText storable}: no NUL, other control characters or U+FFFD. */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = Storable.Check.class)
public @interface Storable {

    /** What an API answers beside the field. */
    String REASON = "contains NUL, a control character or U+FFFD";

    String message() default REASON;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Bean Validation's side of the annotation. */
    class Check implements ConstraintValidator<Storable, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return StorableText.isStorable(value);
        }
    }
}
