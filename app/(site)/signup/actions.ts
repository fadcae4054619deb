"use server";
import { createUser } from "@/lib/auth/users";
import { formError } from "@/lib/http/form-error";
import { limitAction } from "@/lib/ratelimit/limit-action";
import type { SignUpState } from "@/components/auth/sign-up-form";


export async function signUp(_prev: SignUpState, form: FormData): Promise<SignUpState> {
  try {
    await limitAction(null, "signup");
    await createUser({
      username: String(form.get("username") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    });
    return { ok: true };
  } catch (e) {
    return formError(e);
  }
}
